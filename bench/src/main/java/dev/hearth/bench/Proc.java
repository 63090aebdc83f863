package dev.hearth.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Linux /proc for the processes under test. A "tree" is the given pids plus all their descendants (nginx: the
 * master and its workers; bin/hearth: one java process, since the script execs).
 */
final class Proc {
    /** Clock ticks per second for utime/stime; run.sh passes {@code getconf CLK_TCK} (100 on Linux x86-64). */
    static final long CLK_TCK = Long.getLong("bench.clkTck", 100);

    private Proc() {}

    static List<Long> parsePids(String csv) {
        List<Long> pids = new ArrayList<>();
        if (csv == null || csv.isBlank()) {
            return pids;
        }
        for (String part : csv.split("[,\\s]+")) {
            if (!part.isBlank()) {
                pids.add(Long.parseLong(part.trim()));
            }
        }
        return pids;
    }

    /** The fields after "(comm)" in /proc/PID/stat; index 0 is field 3 (state). Null when the process is gone. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException gone) {
            return null;
        }
    }

    static Set<Long> tree(List<Long> roots) {
        Set<Long> all = new LinkedHashSet<>(roots);
        Map<Long, List<Long>> children = new LinkedHashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                String[] fields = statFields(pid);
                if (fields != null) {
                    children.computeIfAbsent(Long.parseLong(fields[1]), k -> new ArrayList<>()).add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Long> queue = new ArrayList<>(roots);
        while (!queue.isEmpty()) {
            long pid = queue.removeLast();
            for (long child : children.getOrDefault(pid, List.of())) {
                if (all.add(child)) {
                    queue.add(child);
                }
            }
        }
        return all;
    }

    /** utime + stime of the whole tree, in clock ticks. */
    static long cpuTicks(List<Long> roots) {
        long ticks = 0;
        for (long pid : tree(roots)) {
            String[] fields = statFields(pid);
            if (fields != null) {
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
        }
        return ticks;
    }

    /**
     * utime + stime per thread group of the tree, in clock ticks: threads are grouped by name with digits dropped
     * ("vert.x-eventloop-thread-0" and "-1" together, "C2 CompilerThread0"..., "VM Thread" = the serial GC).
     * Threads that ended during the window are not counted here (they are in {@link #cpuTicks}).
     */
    static Map<String, Long> threadTicks(List<Long> roots, Map<String, Long> byTid) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (long pid : tree(roots)) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        String group = comm.replaceAll("[0-9]+$", "#");
                        long used = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        out.merge(group, used, Long::sum);
                        byTid.put(comm + " (tid " + task.getFileName() + ")", used);
                    } catch (IOException gone) {
                        // thread ended
                    }
                }
            } catch (IOException gone) {
                // process ended
            }
        }
        return out;
    }

    static double ticksToMillis(long ticks) {
        return ticks * 1000.0 / CLK_TCK;
    }

    /** VmRSS summed over the tree, in KiB (shared pages of nginx's master and workers are counted in each). */
    static long rssKb(List<Long> roots) {
        return sumStatus(roots, "VmRSS:");
    }

    static long threads(List<Long> roots) {
        return sumStatus(roots, "Threads:");
    }

    /** Proportional set size summed over the tree, in KiB: shared pages split between the processes sharing them. */
    static long pssKb(List<Long> roots) {
        long total = 0;
        for (long pid : tree(roots)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException gone) {
                // exited
            }
        }
        return total;
    }

    private static long sumStatus(List<Long> roots, String field) {
        long total = 0;
        for (long pid : tree(roots)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith(field)) {
                        total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException gone) {
                // exited
            }
        }
        return total;
    }

    static Map<String, Object> memory(List<Long> roots) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pids", tree(roots));
        out.put("rss_kb", rssKb(roots));
        out.put("pss_kb", pssKb(roots));
        out.put("threads", threads(roots));
        return out;
    }

    /** CPU of several named trees, taken together; {@link #since} gives the deltas. */
    record Snapshot(Map<String, Long> ticks, Map<String, Map<String, Long>> byThread,
            Map<String, Map<String, Long>> byTid, long machineBusy, long machineTotal, long machineInterrupts,
            long nanos) {
        static Snapshot of(Map<String, List<Long>> trees) {
            Map<String, Long> ticks = new LinkedHashMap<>();
            Map<String, Map<String, Long>> byThread = new LinkedHashMap<>();
            Map<String, Map<String, Long>> byTid = new LinkedHashMap<>();
            trees.forEach((name, roots) -> {
                ticks.put(name, cpuTicks(roots));
                Map<String, Long> tids = new LinkedHashMap<>();
                byThread.put(name, threadTicks(roots, tids));
                byTid.put(name, tids);
            });
            long[] machine = machineTicks();
            return new Snapshot(ticks, byThread, byTid, machine[0], machine[1], machine[2], System.nanoTime());
        }

        /** Per tree: CPU milliseconds used since {@code before}, and microseconds per request over {@code requests}. */
        Map<String, Object> since(Snapshot before, long requests) {
            Map<String, Object> out = new LinkedHashMap<>();
            ticks.forEach((name, after) -> {
                long delta = after - before.ticks.get(name);
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("cpu_ms", ticksToMillis(delta));
                one.put("cpu_us_per_request", requests == 0 ? null : ticksToMillis(delta) * 1000.0 / requests);
                one.put("cpu_cores_busy", ticksToMillis(delta) / ((nanos - before.nanos) / 1e6));
                Map<String, Object> threads = new LinkedHashMap<>();
                Map<String, Long> was = before.byThread.get(name);
                byThread.get(name).entrySet().stream()
                        .map(e -> Map.entry(e.getKey(), e.getValue() - was.getOrDefault(e.getKey(), 0L)))
                        .filter(e -> e.getValue() > 0)
                        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                        .forEach(e -> threads.put(e.getKey(), ticksToMillis(e.getValue())));
                one.put("cpu_ms_by_thread", threads);
                // The single busiest thread (or single-threaded process): near 1.0 means it was the bottleneck.
                Map<String, Long> tidsBefore = before.byTid.get(name);
                byTid.get(name).entrySet().stream()
                        .map(e -> Map.entry(e.getKey(), e.getValue() - tidsBefore.getOrDefault(e.getKey(), 0L)))
                        .max(Map.Entry.comparingByValue())
                        .ifPresent(e -> {
                            one.put("busiest_thread", e.getKey());
                            one.put("busiest_thread_cores", ticksToMillis(e.getValue())
                                    / ((nanos - before.nanos) / 1e6));
                        });
                out.put(name, one);
            });
            // Everything else on the machine during the same window: other tenants, the kernel's softirq work, ...
            double wallMs = (nanos - before.nanos) / 1e6;
            double machineMs = ticksToMillis(machineBusy - before.machineBusy);
            double ours = ticks.entrySet().stream().mapToLong(e -> e.getValue() - before.ticks.get(e.getKey())).sum();
            Map<String, Object> machine = new LinkedHashMap<>();
            double interruptMs = ticksToMillis(machineInterrupts - before.machineInterrupts);
            machine.put("cores_busy", machineMs / wallMs);
            // irq + softirq time belongs to no process: on loopback it is mostly our own packets being delivered.
            machine.put("irq_softirq_cores_busy", interruptMs / wallMs);
            machine.put("others_cores_busy", Math.max(0, (machineMs - interruptMs - ticksToMillis((long) ours))
                    / wallMs));
            out.put("machine", machine);
            return out;
        }
    }

    /**
     * Busy, total and irq+softirq ticks of all CPUs, from the first line of /proc/stat (busy = all but idle and
     * iowait; steal counts as busy).
     */
    static long[] machineTicks() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = first.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long interrupts = Long.parseLong(f[6]) + Long.parseLong(f[7]);
            return new long[] {total - idle, total, interrupts};
        } catch (IOException e) {
            return new long[] {0, 0, 0};
        }
    }
}
