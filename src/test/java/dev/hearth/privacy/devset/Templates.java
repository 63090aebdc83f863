package dev.hearth.privacy.devset;

import java.util.List;

/**
 * The dev set's texts, written for Hearth: emails, chat prompts, code and configuration, clinical notes, finance and
 * support messages. {@code {TYPE}} is a labelled value, {@code {lower}} an unlabelled filler; {@code {FIRST}} is a
 * given name alone and {@code {TITLED}} a title plus surname (both labelled PERSON, the title excluded).
 */
final class Templates {
    private Templates() {}

    static final List<String> EMAIL = List.of(
            "Hi {FIRST},\n\nThanks for the call today. As discussed, my direct line is {PHONE_NUMBER} and my personal "
                    + "address is {EMAIL_ADDRESS}. Please send the signed copy to {POSTAL_ADDRESS}.\n\nBest,\n{PERSON}",
            "Dear {TITLED},\nyour appointment is confirmed for {date} at {time}. If you need to reschedule, reply to "
                    + "{EMAIL_ADDRESS} or call {PHONE_NUMBER}.\nKind regards, the front desk",
            "{CONFIDENTIAL_MARKER}\n\nTeam, the acquisition target for {CUSTOM:project} is confirmed. {PERSON} will "
                    + "lead the due diligence; do not forward this thread outside the deal team.",
            "From: {EMAIL_ADDRESS}\nTo: {EMAIL_ADDRESS}\nSubject: payroll update\n\nPlease update my bank details to "
                    + "IBAN {IBAN} from next month. My employee number stays {order}.",
            "Hello, I moved to {LOCATION} last month; my new address is {POSTAL_ADDRESS}. Could you update the "
                    + "records for {PERSON}? Phone: {PHONE_NUMBER}",
            "Quick one: {PERSON} asked whether the invoice {ticket} for {price} was paid. Card on file ends in "
                    + "{count}, nothing sensitive here.",
            "{FIRST} — the contract draft is attached. Her date of birth is {DATE_OF_BIRTH} and her SSN is {US_SSN}, "
                    + "please verify before we file.",
            "Reminder: {CUSTOM:project} kickoff moved to {date}. Dial-in details will follow from {EMAIL_ADDRESS}.");

    static final List<String> CHAT = List.of(
            "Can you rewrite this email to sound more polite? \"Hey {FIRST}, you still owe me money. Send it to "
                    + "{IBAN} by Friday or call me at {PHONE_NUMBER}.\"",
            "Summarize this customer record: name {PERSON}, DOB {DATE_OF_BIRTH}, SSN {US_SSN}, card {CREDIT_CARD}, "
                    + "address {POSTAL_ADDRESS}.",
            "My credit card {CREDIT_CARD} was charged twice for order {order}. Draft a complaint letter for me.",
            "Translate to German: My National Insurance number is {UK_NINO} and I live in {LOCATION}.",
            "Fill in this form for me. Steuer-ID: {DE_TAX_ID}, Name: {PERSON}, Geburtsdatum: {DATE_OF_BIRTH}",
            "Write a short bio for {TITLED}, who was born in {LOCATION} and now works on {CUSTOM:project}.",
            "Why does my server at {IP_ADDRESS} reject connections from {IP_ADDRESS}? The NIC has MAC {MAC_ADDRESS}.",
            "Check this Spanish invoice, NIF {ES_NIF}, total {price}, issued {date}.",
            "What is the time complexity of quicksort? Explain with an example array of {count} elements.",
            "Explain the difference between version {version} and {version} of the library, and why {sha} broke "
                    + "the build.",
            "I'm planning a trip to {LOCATION} in spring. Which museums should I visit, and is {price} a good budget?",
            "My friend {PERSON} lives in {LOCATION}; suggest a birthday gift under {price}.",
            "Please debug: the request to https://api.example.com/v{count}/users returned 500 at {time}.");

    static final List<String> CODE = List.of(
            "import os\n\nDB_URL = \"{CONNECTION_STRING}\"\nAPI_TIMEOUT = {count}\n\ndef connect():\n    return "
                    + "create_engine(DB_URL, pool_size=5)\n",
            "# .env\nAWS_ACCESS_KEY_ID={AWS_ACCESS_KEY_ID}\nAWS_SECRET_ACCESS_KEY={AWS_SECRET_ACCESS_KEY}\n"
                    + "AWS_REGION=eu-west-1\n",
            "const octokit = new Octokit({ auth: \"{GITHUB_TOKEN}\" });\nconst res = await octokit.request('GET /repos/{owner}/{repo}');",
            "stripe.api_key = \"{STRIPE_SECRET_KEY}\"\ncharge = stripe.Charge.create(amount={count}, currency=\"usd\")",
            "curl https://api.openai.com/v1/chat/completions -H \"Authorization: Bearer {OPENAI_API_KEY}\" -d @body.json",
            "client = anthropic.Anthropic(api_key=\"{ANTHROPIC_API_KEY}\")\nmsg = client.messages.create(model=m, max_tokens={count})",
            "SLACK_BOT_TOKEN={SLACK_TOKEN}\nSLACK_WEBHOOK={SLACK_WEBHOOK_URL}\nLOG_LEVEL=info",
            "const maps = new google.maps.Map(el, { key: '{GCP_API_KEY}', zoom: 12 });",
            "//registry.npmjs.org/:_authToken={NPM_TOKEN}\nalways-auth=true",
            "git remote set-url origin {URL_WITH_CREDENTIALS}\ngit push origin main",
            "{\n  \"type\": \"service_account\",\n  \"client_secret\": \"{GOOGLE_OAUTH_CREDENTIAL}\",\n  \"token_uri\": "
                    + "\"https://oauth2.googleapis.com/token\"\n}",
            "sg = SendGridAPIClient('{SENDGRID_API_KEY}')\ntwilio_key_sid = \"{TWILIO_API_KEY}\"",
            "gitlab:\n  url: https://gitlab.example.com\n  token: {GITLAB_TOKEN}\n",
            "headers = {\"Authorization\": \"Bearer {JWT}\"}\nresp = requests.get(url, headers=headers, timeout={count})",
            "Here is my deploy key, why does ssh reject it?\n{PRIVATE_KEY}\n",
            "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n    username: app\n    password: {GENERIC_SECRET}\n",
            "db_password = \"{GENERIC_SECRET}\"\nretries = {count}\nlog_file = \"/var/log/app.log\"",
            "def test_login(client):\n    resp = client.post('/login', data={'user': 'qa', 'password': '{GENERIC_SECRET}'})\n"
                    + "    assert resp.status_code == 200",
            "String jwt = \"{JWT}\";\nlog.debug(\"token length {}\", jwt.length());");

    static final List<String> CLINICAL = List.of(
            "Patient: {PERSON}\nDOB: {DATE_OF_BIRTH}\nMRN: {MEDICAL_RECORD_NUMBER}\n\nAssessment: {DIAGNOSIS} "
                    + "(ICD-10 {ICD10_CODE}). Plan: start {MEDICATION} 500 mg daily, recheck labs in 3 months.",
            "{TITLED} saw the patient today. History of {DIAGNOSIS}; currently taking {MEDICATION}. Member ID "
                    + "{HEALTH_PLAN_ID}. Referring provider NPI {NPI}.",
            "Discharge summary for {PERSON} (MRN {MEDICAL_RECORD_NUMBER}): admitted with {DIAGNOSIS}, treated with "
                    + "{MEDICATION}, discharged home. Follow-up with {TITLED} in two weeks.",
            "Pt is a 67 y/o with {DIAGNOSIS} and {DIAGNOSIS}. Rx: {MEDICATION} 10 mg PO BID. Dx code {ICD10_CODE}.",
            "Insurance: policy number {HEALTH_PLAN_ID}. Prescriber NPI: {NPI}. Patient reports good adherence to "
                    + "{MEDICATION}.",
            "Please write a plain-language explanation of {DIAGNOSIS} for a patient who was just diagnosed and "
                    + "prescribed {MEDICATION}.",
            "The study enrolled {count} participants; depression scores improved, and asthma research funding "
                    + "doubled in {date}.");

    static final List<String> FINANCE = List.of(
            "Wire {price} to {PERSON}, IBAN {IBAN}, reference {ticket}. Approve by {date}.",
            "Customer {PERSON} disputes a charge on card {CREDIT_CARD}; callback number {PHONE_NUMBER}.",
            "Vendor onboarding: tax id (SSN) {US_SSN}, remit to {POSTAL_ADDRESS}, contact {EMAIL_ADDRESS}.",
            "Q3 revenue was {price} on {count} orders; the largest order {order} came from our {word} region.",
            "Why was the payment declined? Our log shows card {badcard} failed the checksum.",
            "Refund {price} to the card ending {count} for order #{order}; ticket {ticket}.",
            "Der Mandant {PERSON} hat die Steuer-ID {DE_TAX_ID} und das Konto {IBAN}.");

    static final List<String> NEGATIVE = List.of(
            "commit {sha}\nAuthor: build-bot\nDate: {date} {time}\n\n    Bump version to {version}",
            "\"node_modules/left-pad\": {\n  \"version\": \"{version}\",\n  \"resolved\": \"https://registry.npmjs.org/left-pad/-/left-pad-{version}.tgz\",\n"
                    + "  \"integrity\": \"{integrity}\"\n}",
            "<img src=\"{img}\" alt=\"logo\" width=\"{count}\">",
            "request_id={uuid} trace={sha256} latency_ms={count} status=200",
            "{var} = request.form.get(\"{var}\")\nif not {var}:\n    raise ValueError(\"missing\")",
            "password: {placeholder}\napi_key: {placeholder}\ntoken: {placeholder}",
            "The firmware version {version4} fixed the bug; listen on 0.0.0.0:{port}.",
            "Order {order} shipped at {time}; invoice #{order} totals {price}.",
            "color: {hexcolor}; margin: {count}px; z-index: {count};",
            "Meeting notes: {word} team agreed on the roadmap. Next sync {date} at {time}.",
            "for (int i = 0; i < {count}; i++) { sum += values[i] * {count}; }",
            "docker pull registry.example.com/app@sha256:{sha256}",
            "git clone git@github.com:example/{word}.git && cd {word}",
            "The patient portal will be down for maintenance on {date}.",
            "Call stack: at Main.run(Main.java:{count}) at Thread.run(Thread.java:{count})",
            "Use <img src=\"logo@2x.png\"> for retina and npm i lodash@{version}.",
            "The {word} Agreement was signed in {date}; our CI runs tests on version {version}.",
            "Card number field: 16 digits, e.g. {badcard} (invalid on purpose for this unit test).",
            "Set MAX_TOKENS={count} and token_type=\"Bearer\" in the client config.",
            "SELECT id, email_verified FROM users WHERE created_at > '{date}' LIMIT {count};");
}
