# Governance pages: assessment, account security, responsibilities, programmes, registration,
# two-step verification, plans, the poverty register.

# Assessment rules
title-assessment-formula = Assessment rules
assessment-formula-heading = Assessment rules
assessment-formula-version = Formula version:{" "}
assessment-formula-lead = , in force from { $effective }. Each indicator is scored 0–100, multiplied by its weight and added up. An indicator with nothing to measure in the year (no ratings, no milestones due, no approved yearly targets) is left out, and its weight is shared among the others in proportion. All data come from the verified ledger, approved plans and the villages' ratings on the platform: anyone can recompute a score with these rules, and the office can recompute and check it at any time. How results are used (commendation, reward, criticism, admonishment, a deadline to put things right) is in the assessment results.
assessment-formula-indicator = Indicator
assessment-formula-weight = Weight
assessment-formula-source = How it is scored and where the data come from
assessment-formula-ratings = Points for villagers' satisfaction
assessment-formula-colon = :{" "}
assessment-formula-points = {" "}points
assessment-formula-prompt = { $days ->
    [one] A contribution is "verified promptly" when the office verifies it within 1 day of the report. Records taken off by an upheld objection count in no indicator.
   *[other] A contribution is "verified promptly" when the office verifies it within { $days } days of the report. Records taken off by an upheld objection count in no indicator.
}
assessment-formula-earlier = Earlier versions
assessment-formula-earlier-version = { $version } ({ $from } to { $until })
assessment-formula-v2-note = Version 2 adds "village cadre training" (counties, 10 points), taking 5 points each from plan completion and villagers' satisfaction.
assessment-formula-outcomes-link = See the assessment results

# Yearly assessment (list)
title-assessment-list = Yearly assessment
assessment-list-heading = Assessment { $year }
assessment-list-lead-before = Computed automatically under the{" "}
assessment-list-formula = assessment rules ({ $version })
assessment-list-lead-after = {" "}from the verified ledger, approved plans and the villages' ratings. Click a name to see each indicator's score and the records behind it.
assessment-list-year = Year
assessment-list-year-option = { $year }
assessment-list-view = Show
assessment-list-tabs = Who is assessed
assessment-list-kind = { $code ->
    [county] County
    [enterprise] Firm
    [unit] Designated helping unit
   *[other] { $code }
}
assessment-list-rank = Rank
assessment-list-total = Total
assessment-list-xlsx = Download Excel
assessment-list-empty = { $code ->
    [county] No county
    [enterprise] No firm
   *[other] No unit
} in your area takes part in { $year }. A county takes part when it has verified villages, a firm when it had an agreement in force or verified help that year, a unit when it held a designated-help responsibility that year.

# Assessment results
title-assessment-outcomes = Assessment results
assessment-outcomes-heading = Assessment results
assessment-outcomes-lead-before = Commendations, rewards, public criticism, admonishing talks and deadlines to put things right that offices have decided under the{" "}
assessment-outcomes-formula = assessment rules
assessment-outcomes-lead-after = {" "}for counties, firms and designated helping units, and whether the changes were made and signed off.
assessment-outcomes-revoked = Revoked
assessment-outcomes-kind = { $code ->
    [commend] Commendation
    [reward] Reward
    [criticise] Public criticism
    [admonish] Admonishing talk
    [rectify] Put right by a deadline
   *[other] Other
}
assessment-outcomes-meta = { $subject } · { $year } · decided by { $office } on { $date }
assessment-outcomes-deadline = To put right by { $date }
assessment-outcomes-none = No assessment results have been published yet.

# One unit's assessment
title-assessment-show = Assessment
assessment-show-back = ← Assessment { $year }
assessment-show-back-unit = ← Our villages
assessment-show-rank = (rank { $rank } of { $of } on the platform)
assessment-show-weight = weight { $weight }
assessment-show-not-counted = Not counted
assessment-show-not-counted-why = {" "}(its weight goes to the other indicators)
assessment-show-records = Records behind it ({ $n })
assessment-show-not-assessed = Not assessed in { $year }: no agreement in force, no verified help and no responsibility held that year. Choose another year.
assessment-show-outcomes = Decisions on the result
assessment-show-outcome-year = { $year }
assessment-show-overdue = Overdue
assessment-show-close-note = What was done to put it right (required, 4–500 characters)
assessment-show-close = Sign off
assessment-show-revoke-summary = Revoke (if decided in error)
assessment-show-revoke-reason = Reason for revoking (required, will be published)
assessment-show-revoke = Revoke
assessment-show-no-outcomes = No decision has been made on this assessment yet.
assessment-show-decide-heading = Decide on the result
assessment-show-decide-hint-before = The decision and its reasons will appear in the public{" "}
assessment-show-decide-hint-link = assessment results
assessment-show-decide-hint-after = {" "}and be sent to the one assessed.
assessment-show-decide-year = Assessment year
assessment-show-decide-kind = Decision
assessment-show-choose = Choose
assessment-show-decide-reason = Grounds and reasons (required)
assessment-show-decide-reason-hint = Published with the decision
assessment-show-decide-deadline = Deadline to put it right
assessment-show-decide-deadline-hint = Only for "put right by a deadline"
assessment-show-decide = Decide

# My account
title-account-show = My account
account-show-heading = My account
account-show-who = { $name } ({ $login })
account-show-role = { $code ->
    [enterprise] Firm user
    [village] Village committee user
    [help_unit] Helping unit user
    [office] Office reviewer
    [admin] System administrator
    [security] Security administrator
    [auditor] Auditor
   *[other] { $code }
}
account-show-expired = Your password is older than allowed. Set a new password before doing anything else.
account-show-first-login = This is a one-time password made by the system. Set your own password before doing anything else.
account-show-change-password = Change password
account-show-current = Current password
account-show-new = New password
account-show-new-hint = At least 10 characters, with three of: small letters, capital letters, digits, symbols. It must not contain your login name, be a common password or one of your last 5. After the change, other devices must log in again and all API tokens are revoked
account-show-new-again = New password again
account-show-totp = Two-step verification
account-show-totp-on = On: after your password you also enter the code from the authenticator app on your phone.
account-show-totp-view = View
account-show-totp-off = Off. Once it is on, nobody can log in to your account with your password alone.
account-show-totp-set-up = Set up two-step verification
account-show-api = Connecting programs (API tokens)
account-show-api-lead = Rarely needed: your IT staff create a token only when a program, such as your own ledger system, must send or read data by itself. A program calling the{" "}
account-show-api-mid = {" "}interface sends the header{" "}
account-show-api-header = Authorization: Bearer TOKEN
account-show-api-end = . Changing your password revokes every token.
account-show-new-token = New token (shown this once only):{" "}
account-show-token-name = What the token is for
account-show-token-name-hint = e.g. ledger sync
account-show-token-days = Valid for
account-show-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
account-show-read-only-choice = Read only (can look things up, cannot submit or change)
account-show-create-token = Create token
account-show-read-only = Read only
account-show-token-dates = Created { $created } · valid until { $expires } · last used { $used }
account-show-revoke = Revoke
account-show-no-tokens = No tokens yet. Create one when a program needs to connect.

# Setting up two-step verification
title-account-totp = Two-step verification
account-totp-heading = Two-step verification
account-totp-now-on = Two-step verification is on. From now on, after your password you also enter the code shown in your authenticator app.
account-totp-codes-heading = Recovery codes (shown this once only)
account-totp-codes-lead = If you lose or change your phone, log in with any one of these codes instead of the app's code; each works once. Write them down or print them and keep them safe, not on the same phone.
account-totp-continue = Continue
account-totp-recovery-left = You have just logged in with a recovery code; { $n ->
    [one] { $n } code is
   *[other] { $n } codes are
} left. Before they run out, ask the security administrator to clear two-step verification, then set it up again.
account-totp-on-since = Two-step verification on since { $date }.
account-totp-lost-phone = If you change or lose your phone, ask the security administrator to clear it, then set it up again.
account-totp-back = Back to my account
account-totp-required = Your account must use two-step verification. Other pages stay closed until it is set up.
account-totp-step-install = Install an authenticator app on your phone (such as a WeChat authenticator mini-program, Google Authenticator or Microsoft Authenticator).
account-totp-step-scan = Scan the QR code below with the app. If you cannot scan it, choose to enter a key by hand and type:{" "}
account-totp-step-code = Enter the 6-digit code the app shows to finish.
account-totp-qr = QR code for setting up two-step verification
account-totp-code = Code from the app
account-totp-turn-on = Turn on two-step verification

# Responsibilities
title-responsibility-list = Responsibilities
responsibility-list-heading = Responsibilities
responsibility-list-lead = Record which counties and villages city leaders, county leaders and designated helping units are linked to. Ended responsibilities stay on record; to replace someone, end the old responsibility first, then add a new one. A village's public page shows who is responsible now (without phone numbers).
responsibility-list-current = Current responsibilities ({ $n })
responsibility-list-villages = { $n ->
    [one] { $n } village
   *[other] { $n } villages
}
responsibility-list-not-started = not started yet
responsibility-list-none = No responsibilities recorded yet.
responsibility-list-none-create = {" "}Record one with the form below.
responsibility-list-ended = Ended responsibilities ({ $n })
responsibility-list-new = Add a responsibility
responsibility-list-submit = Record
responsibility-list-county-pick = County (choose it, then press "List the county's villages" and tick the villages linked)
responsibility-list-choose = Choose
responsibility-list-list-villages = List the county's villages
responsibility-list-kind-label = Kind of responsibility
responsibility-list-kind = { $code ->
    [city_leader] City leader linked to a county and villages
    [county_leader] County leader linked to villages
    [help_unit] Designated helping unit
   *[other] { $code }
}
responsibility-list-name = Leader's name or helping unit's name (required)
responsibility-list-post = Post or kind of unit (required)
responsibility-list-post-hint = e.g. deputy mayor; county Party standing committee member; city government body, state-owned firm
responsibility-list-villages-legend = Villages linked
responsibility-list-county-picked = {" "}({ $county })
responsibility-list-no-villages = The county has no verified villages yet.
responsibility-list-pick-first = First choose the county above and press "List the county's villages". A city leader linked to a county need not tick any village.
responsibility-list-from = Start date (required)
responsibility-list-to = End date
responsibility-list-to-hint = Leave empty if not known; fill it in when it ends

# One responsibility
title-responsibility-show = Responsibility
responsibility-show-all = ← All responsibilities
responsibility-show-own-lead = Your unit's designated-help responsibility, its villages and their progress, as recorded by the office. If anything is wrong, contact the office.
responsibility-show-post = Post or kind of unit
responsibility-show-county = County
responsibility-show-dates = Dates
responsibility-show-state = Status
responsibility-show-own-assessment = Our yearly assessment: score and basis
responsibility-show-assessment = Yearly assessment: score and basis
responsibility-show-villages = Villages linked: progress in { $year }
responsibility-show-village = Village
responsibility-show-pairings = Approved pairings
responsibility-show-contributed = Verified help in { $year }
responsibility-show-needs-open = Open needs
responsibility-show-total = Total
responsibility-show-counted = Verified help is counted as in the ledger (records taken off by an upheld objection do not count).
responsibility-show-county-only = This responsibility covers the county only, with no particular villages.
responsibility-show-cancel-heading = Cancel this record
responsibility-show-cancel-hint = This responsibility has not started. Once cancelled it shows as responsible for no village; the record is kept.
responsibility-show-cancel-reason = Reason for cancelling (required)
responsibility-show-cancel-reason-hint = e.g. recorded in error
responsibility-show-cancel = Cancel the record
responsibility-show-end-heading = End this responsibility
responsibility-show-end-hint = The record is kept after it ends. If the end date is after today, it still shows as responsible until that day. For a successor, add a new one on the list page.
responsibility-show-end-date = End date (required)
responsibility-show-end-reason = Reason for ending (required)
responsibility-show-end-reason-hint = e.g. change of post, help period over
responsibility-show-end = End the responsibility

# Programmes
title-programmes-overview = Programmes
programmes-overview-heading = Programmes ({ $year })
programmes-overview-year = Year
programmes-overview-year-option = { $year }
programmes-overview-view = Show
programmes-overview-lead = Contributions verified by the office and not taken off by an objection, counted in the year of their date. A record can count in several programmes and then appears once in each programme's ledger; the total on the last line counts it once.
programmes-overview-col-programme = Programme
programmes-overview-col-agreements = Agreements
programmes-overview-col-records = Records
programmes-overview-col-industry = Industry investment
programmes-overview-col-purchase = Of which purchases
programmes-overview-col-charity = Charitable giving
programmes-overview-col-jobs = Jobs found
programmes-overview-col-trainees = People trained
programmes-overview-people = { $n ->
    [one] { $n } person
   *[other] { $n } people
}
programmes-overview-shared = { $n ->
    [one] { $n } record counts
   *[other] { $n } records count
} in more than one programme: the programmes add up to more than the total, which counts each record once.
programmes-overview-from-lead = Help through purchases:{" "}
programmes-overview-from = from { $category } { $amount }
programmes-overview-from-sep = ;{" "}
programmes-overview-from-note = {" "}(county categories are set under{" "}
programmes-overview-programmes-link = Programmes
programmes-overview-from-end = ).
programmes-overview-retention = Job retention: { $placed } placed in { $year }; { $retained } verified still in the job after 6 months.
programmes-overview-ledgers = Download ledgers
programmes-overview-colon = :{" "}
programmes-overview-checks = Purchase checks (overpriced or poor quality)
programmes-overview-bought = bought { $product } from { $village }, { $amount }
programmes-overview-see-agreement = See the agreement and records
programmes-overview-no-checks = No purchases to check in { $year }. Purchases over 30% above the market price, rated poor by the buyer, or paid differently from the amount are listed here.
programmes-overview-which-before = Which programmes run is set under{" "}
programmes-overview-which-end = .

# Record payment and rate
title-programmes-purchase = Record payment and rate
programmes-purchase-heading = Record payment and rate
programmes-purchase-what = Purchase: { $product }, amount { $amount }.
programmes-purchase-rules = . Under the rules of help through purchases, the office verifies and counts a purchase only after the village confirms delivery and the buyer records payment and rates the quality. Payment and rating can be recorded once only.
programmes-purchase-paid-on = Date paid
programmes-purchase-paid = Amount paid (yuan)
programmes-purchase-paid-hint = The office checks it if it differs from the purchase amount
programmes-purchase-rating = Quality rating
programmes-purchase-rating-choice = { $n ->
    [5] 5 points: very good
    [4] 4 points: good
    [3] 3 points: fair
    [2] 2 points: poor
    [1] 1 point: very poor
   *[other] { $n } points
}
programmes-purchase-comment = Comment (required for 2 points or less)
programmes-purchase-submit = Submit
programmes-purchase-back = Back to the agreement

# Six-month follow-up
title-programmes-retention = Six-month follow-up
programmes-retention-heading = Six-month follow-up
programmes-retention-lead = { $placed ->
    [one] These jobs started on { $since }, with 1 person placed. Follow them up and enter how many are still in the job; once the office verifies it, it counts towards job retention. This can be reported once only.
   *[other] These jobs started on { $since }, with { $placed } people placed. Follow them up and enter how many are still in the job; once the office verifies it, it counts towards job retention. This can be reported once only.
}
programmes-retention-retained = Still in the job (people)

# Register a firm
title-auth-register_enterprise = Register a firm
auth-register-enterprise-heading = Register a firm
auth-register-enterprise-name = Firm name
auth-register-enterprise-name-hint = As on the business licence
auth-register-enterprise-uscc = Unified social credit code
auth-register-enterprise-uscc-hint = 18 characters, on the business licence
auth-register-enterprise-industry = Industry
auth-register-enterprise-choose = Choose
auth-register-enterprise-county = Registered in (county)
auth-register-enterprise-address = Firm address
auth-register-enterprise-contact = Contact person
auth-register-enterprise-contact-phone = Contact's mobile
auth-register-enterprise-contact-phone-hint = Only the office and your firm see the full number; public pages hide the middle four digits
auth-register-enterprise-login-hint = 3–32 characters: letters, digits, underscore, dot or hyphen
auth-register-enterprise-password-hint = At least 10 characters, with three of: small letters, capital letters, digits, symbols; must not contain the login name or be a common password
auth-register-enterprise-password-again = Password again
auth-register-enterprise-submit = Register

# Register a village committee
title-auth-register_village = Register a village committee
auth-register-village-heading = Register a village committee
auth-register-village-step-county = Step 1: choose your county
auth-register-village-next = Next
auth-register-village-step-village = Step 2: choose your village
auth-register-village-no-villages = The county's villages have not been loaded yet. Please contact the office.
auth-register-village-register = Poverty register
auth-register-village-population = Population (people)
auth-register-village-poor-households = Registered poor households
auth-register-village-poor-population = Registered poor people
auth-register-village-registered-poor = Our village is a registered poor village
auth-register-village-industries = Main industries
auth-register-village-industries-hint = e.g. selenium-rich rice, camellia oil
auth-register-village-cadres = Village cadres and contact
auth-register-village-first-secretary = First secretary (stationed in the village)
auth-register-village-first-secretary-phone = First secretary's mobile
auth-register-village-party-secretary = Village Party secretary
auth-register-village-party-secretary-phone = Village Party secretary's mobile
auth-register-village-contact = Contact for the platform
auth-register-village-contact-phone-hint = Only the office and your village see the full number; public pages hide the middle four digits
auth-register-village-login = Login details

# Two-step verification at login
title-auth-totp = Two-step verification
auth-totp-heading = Two-step verification
auth-totp-lead = Password accepted. Open the authenticator app on your phone (such as a WeChat authenticator mini-program or Google Authenticator) and enter the 6-digit code it now shows for the 企村 (qicun) account.
auth-totp-code = Code or recovery code
auth-totp-code-hint = Without your phone, enter one of the recovery codes you saved at setup (each works once). If you have neither, contact the security administrator.
auth-totp-submit = Verify and log in
auth-totp-other-account = Log in with another account

# Plans
title-plans-list = Plans
plans-list-heading = Plans
plans-list-lead = Each county office sets yearly targets for its plan period (villages paired, industry investment, charitable giving, jobs found, people trained, poor people reached) and sends them to the city office for approval. Progress is counted automatically from verified contributions, as in the ledger (records taken off by an upheld objection do not count).
plans-list-status = { $code ->
    [draft] Draft
    [submitted] Awaiting the city office's approval
    [returned] Returned for changes
    [approved] Approved
   *[other] Unknown
}
plans-list-plan = { $county } plan: { $period }
plans-list-none = No plans yet.
plans-list-none-create = {" "}Start your county's plan with the form below.
plans-list-none-wait = {" "}Plans appear here once county offices create and submit them.
plans-list-combined = Counties against their targets, { $year }
plans-list-year = Year
plans-list-year-option = { $year }
plans-list-view = Show
plans-list-county = County
plans-list-period = { $plan }
plans-list-total = Total
plans-list-combined-hint = Each cell is "done / target". Only counties whose approved plan covers the year are listed; the total is their sum. Done figures are counted as in the ledger.
plans-list-combined-none = No approved county plan for { $year } yet. A plan is listed here once the county office submits it and this office approves it.
plans-list-new = New plan for the county
plans-list-new-period = Plan period
plans-list-new-period-hint = e.g. 十五五 (the 15th five-year plan)
plans-list-new-start = First year
plans-list-new-end = Last year
plans-list-new-end-hint = 10 years at most
plans-list-new-submit = Create a draft

# One county's plan
title-plans-show = Plan
plans-show-all = ← All plans
plans-show-xlsx = Download Excel
plans-show-note-earlier = The city office's comment when it last sent the plan back
plans-show-note = The city office's comment
plans-show-colon = :{" "}
plans-show-indicator = Indicator
plans-show-target = Target
plans-show-done = Done
plans-show-rate = Done (%)
plans-show-counted = Done figures are counted as in the ledger: the year's verified contributions (without those taken off by an upheld objection); money is split into industry investment and charitable giving by the pairing's kind of help; villages paired are villages with an approved pairing by the end of the year.
plans-show-targets = Set yearly targets
plans-show-targets-hint = Amounts in yuan; leave a target empty if there is none. You can change them after saving; once submitted, the city office approves them or sends them back.
plans-show-save = Save targets
plans-show-submit-first = Save at least one yearly target, then you can submit the plan to the city office.
plans-show-submit = Submit to the city office
plans-show-reason = Comment (required when sending back; the county office sees it)
plans-show-approve = Approve
plans-show-return = Send back for changes

# A village's registered households
title-register-households = Registered households
register-households-back-my = Back to my workbench
register-households-back-register = Back to the poverty register
register-households-heading = Registered households
register-households-privacy = { $years ->
    [one] Personal data: only the village, its supervising office and auditors see this page; it is not published or given to anyone. Only what is needed to check the help is recorded (household number, head of household, household size, the years of registration, of leaving poverty and of leaving the register); no ID numbers, phone numbers, bank or health data. Households out of poverty stay on the register and keep getting help. 1 year after a household leaves the register (closed or moved away), the head's name is deleted; the numbers of households and people are kept for statistics.
   *[other] Personal data: only the village, its supervising office and auditors see this page; it is not published or given to anyone. Only what is needed to check the help is recorded (household number, head of household, household size, the years of registration, of leaving poverty and of leaving the register); no ID numbers, phone numbers, bank or health data. Households out of poverty stay on the register and keep getting help. { $years } years after a household leaves the register (closed or moved away), the head's name is deleted; the numbers of households and people are kept for statistics.
}
register-households-cadres = Cadres paired with households: each household has one paired cadre at a time (from a unit linked to the village or from the supervising office), who records visits and help measures. Pairing records are not public either.
register-households-summary = { $count ->
    [one] { $count } household
   *[other] { $count } households
}, { $persons ->
    [one] { $persons } person
   *[other] { $persons } people
}; { $lifted } out of poverty; { $on } households and { $onpersons } people still on the register (the ledger counts households on the register, not those that left).
register-households-code = Household no.
register-households-head = Head of household
register-households-cadre = Paired cadre
register-households-members = Household size
register-households-registered-year = Year registered
register-households-lifted-year = Year out of poverty
register-households-on-register = On the register
register-households-since = {" "}(since { $date })
register-households-choose-cadre = Choose a cadre
register-households-cadre-option = { $name } ({ $unit })
register-households-pair = Pair
register-households-no-cadres = No cadre available to pair
register-households-not-paired = Not paired
register-households-history = Pairing history
register-households-not-lifted = Not yet
register-households-left = Left in { $year }
register-households-none = No registered households have been imported for this village yet.
register-households-none-office = {" "}Import them on the{" "}
register-households-none-link = poverty register
register-households-none-office-end = {" "}page.
register-households-none-other = {" "}The supervising office imports them.

# The poverty register
title-register-index = Poverty register
register-index-heading = Poverty register (by village)
register-index-lead = Each village's registered households and people per year, imported by the office from Excel, set against the people reached by the year's verified contributions. Villages reaching more people than are registered go to the{" "}
register-index-lead-link = supervision leads
register-index-lead-end = . Only offices and auditors see this page; it is not public.
register-index-year = Year
register-index-year-option = { $year }
register-index-view = Show
register-index-import = Import village figures
register-index-import-hint = XLSX (first sheet) or CSV in UTF-8. The first row holds the headings: 区划代码 (region code), 村名 (village name, optional, for checking), 年度 (year), 建档立卡户数 (registered households), 建档立卡人口 (registered people). The file is imported only if all of it is correct: with any error nothing is imported. Importing the same village and year again replaces the figures.
register-index-not-imported = Nothing was imported. Correct these problems and upload again:
register-index-file = File (required)
register-index-import-submit = Import
register-index-households = Import registered households (one row per household)
register-index-households-hint = The first row holds the headings: 区划代码 (region code), 户编号 (household no.), 户主姓名 (head of household), 家庭人口 (household size), 识别年度 (year registered), 脱贫年度 (year out of poverty; empty if not yet), 退出年度 (year the household left the register, closed or moved away; empty if still on it). Only these columns: no ID numbers, phone numbers, bank or health data. Only the village, its supervising office and auditors see the list; importing the same household number of a village again updates that household. Where a village has no village figures for a year, households are counted instead.
register-index-households-submit = Import the household list
register-index-year-heading = { $year } ({ $n ->
    [one] { $n } village
   *[other] { $n } villages
} registered
register-index-over-sep = ,{" "}
register-index-over = { $n ->
    [one] { $n } village reaches
   *[other] { $n } villages reach
} more people than are registered
register-index-year-heading-end = )
register-index-village = Village (region code)
register-index-households-col = Registered households
register-index-persons-col = Registered people
register-index-reached-col = People reached by help this year
register-index-by-household = (counted by household)
register-index-household-list = Household list
register-index-over-mark = Over
register-index-none = No verified villages in your area yet.
