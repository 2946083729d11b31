# qicun's interface words in English. One message a line: key = text.
# Pages are being moved to these files; words not yet here show in Chinese.

brand-tagline = Firms and villages
menu = Menu
nav-main = Main navigation
nav-offers = Offers
nav-needs = Village needs
nav-notices = Public notices
nav-portal = Honour roll
nav-help = Help
nav-workbench = Workbench
nav-my-offers = My offers
nav-my-assessment = Yearly assessment
nav-my-needs = My needs
nav-my-income = Collective income
nav-my-households = Registered households
nav-monitoring = Relapse monitoring
nav-worklog = Work log
nav-my-assets = Project assets
nav-unit = Our villages
nav-cadre = My households
nav-profile = Our organisation
nav-campaigns = Campaigns
nav-objections = Objections
nav-organisations-review = Organisation review
nav-listings = Listings in my area
nav-lexicon = Matching words
nav-import = Import a ledger
nav-users = Users
nav-calendar = Holidays
nav-programmes = Programmes
nav-account-security = Account security
nav-security-settings = Security settings
nav-dashboard = Cockpit
nav-plans = Plans
nav-responsibilities = Responsibilities
nav-assessment = Assessment
nav-supervision = Supervision
nav-stories = Stories
nav-register = Poverty register
nav-inspection = Inspection reports
nav-income = Collective income
nav-training = Cadre training
nav-team = Office teams
nav-assets = Project assets
nav-ledgers = Programme ledgers
nav-organisations = Organisations
nav-audit = Audit trail
nav-pairings = Pairings
nav-agreements = Agreements
nav-inbox = Messages
nav-logout = Log out
nav-login = Log in
nav-register-account = Register
language-switch = 中文
footer = qicun · firms helping villages since 2015 · Ten Thousand Firms Revitalise Ten Thousand Villages · regular targeted help

# Page titles (a template's title in this language; Chinese pages keep theirs)
title-home = Firms and villages
title-auth-login = Log in

# Log in
login-heading = Log in
login-name = Login name
login-password = Password
login-submit = Log in
login-no-account = No account yet?{" "}
login-register = Register a firm or a village committee

# Home
home-heading = A hundred firms, a hundred villages · pairing firms with villages
home-lead = Firms post jobs, purchases, investment and donations; village committees post their needs; the platform proposes pairings; the county office approves them; and what the help achieved is put on public notice.
home-figures = Progress
home-enterprises = Verified firms
home-villages = Verified villages (of them { $poor } registered poor villages)
home-paired-villages = Villages paired
home-offers = Offers online
home-needs = Village needs online
home-pairings = Pairings approved
home-pairings-disputed = {" "}({ $n } under objection, being checked)
home-agreements = Agreements in force
home-contributed = Verified help ({ $records } records, reaching { $persons } people
home-contributed-disputed = { $records ->
    [one] ; of them 1 record, { $amount }, under objection, being checked
   *[other] ; of them { $records } records, { $amount }, under objection, being checked
}
home-contributed-end = )
home-definitions = How these are counted
home-def-verified = Verified firms and villages: organisations the office has verified; those waiting, sent back, refused or suspended do not count.
home-def-paired = Villages paired: villages with at least one approved pairing. Offers and needs online: published and still valid.
home-def-pairings = Pairings approved: approved by the office; one whose public notice drew an upheld objection does not count; one under objection counts and is marked.
home-def-agreements = Agreements in force: countersigned by the village, filed by the office and not yet ended.
home-def-contributed = Verified help: the amounts of records confirmed by the village and verified by the office; records taken off by an upheld objection do not count, those under objection count and are marked; ledger exports and the cockpit count the same way.
home-def-objections = Records that draw an objection while on public notice still count, marked as under objection; once the office upholds the objection they count in no total.
home-latest-offers = Latest offers
home-all-offers = All offers
home-no-offers = No firm has posted an offer yet. A firm can post once it has registered and been verified.
home-latest-needs = Latest village needs
home-all-needs = All village needs
home-no-needs = No village committee has posted a need yet. A committee can post once it has registered and been verified.

# Offers and village needs
title-listings-list = Offers and needs
title-notices-list = Public notices
listings-offers = Offers
listings-needs = Village needs
listings-my-offers = My offers
listings-my-needs = My needs
listings-area-offers = Offers in my area
listings-area-needs = Village needs in my area
listings-post = { $side ->
    [offers] Post an offer
   *[needs] Post a need
}
listings-mine = { $side ->
    [offers] My offers
   *[needs] My needs
}
listings-search = Search
listings-search-hint = e.g. 大米 收购, 务工, 修路
listings-kind = Kind
listings-all-kinds = All kinds
listings-region = Region
listings-all-regions = All regions
listings-status = Status
listings-all-statuses = All statuses
listings-valid-now = Valid now only
listings-filter = Filter
listings-valid-until = Valid until { $date }
listing-kind = { $code ->
    [employment] Jobs
    [procurement] Produce purchase
    [industry] Industry partnership
    [donation] Donation
    [training] Skills training
    [technical] Technical help
   *[infrastructure] Infrastructure
}
listing-status = { $code ->
    [draft] Draft
    [published] Published
    [closed] Completed
    [withdrawn] Withdrawn
   *[expired] Expired
}
pager = Pages
pager-first = First page
pager-prev = Previous page
pager-next = Next page

# Public notices
notices-heading = Public notices
notices-lead = Pairings and verified help are put on public notice here for 10 days after review. Anyone may object, under their own name, while a notice is open; only the office and auditors see how to reach them; it is never published.
notice-status = { $code ->
    [revoked] Revoked
    [open] On notice
    [closed] Notice period over
   *[suspended] Suspended
}
notices-window = Notice period { $window }
notices-none = No notices at the moment.
title-notices-show = Public notice
notice-all = ← All public notices
notice-window = Notice period: { $window }
notice-evidence = Evidence (photos are re-drawn without where they were taken; PDF files go only to the two parties and the office):{" "}
notice-pdf-private = {" "}(PDF, not public)
notice-pending = { $n ->
    [one] 1 objection being checked.{" "}
   *[other] { $n } objections being checked.{" "}
}
notice-pending-outcome = While they are checked the assessment result stands; if an objection is upheld the result is revoked.
notice-pending-record = While they are checked the record still counts, marked as under objection; once upheld it no longer counts.
notice-resolved = Objection handled: { $status }.{" "}
notice-filed = Your objection has been received. The office will check it and publish the outcome on this page.
notice-object = Raise an objection
notice-object-body = What is wrong
notice-contact-name = Your name (not published)
notice-contact-phone = Your mobile (not published)
notice-contact-hint = The office calls you while it checks
notice-object-submit = Send the objection

# Error pages
error-resend = Send again
error-back = Back to the previous page
error-home = Back to the home page
error-workbench = Back to my workbench

# Registration
title-auth-register = Register
register-heading = Register
register-lead = Choose what you register. The local office reviews and verifies you; once verified you can post and take part in pairings.
register-enterprise = A firm · we want to help
register-village = A village committee · we post our needs
register-staff = Office and auditor accounts are opened by the system administrator.

# An offer or a need
listing-amount = Amount
listing-quantity = Quantity
listing-regions = Regions served
listing-validity = Valid
listing-valid-range = { $from } to { $until }
listing-visitor-heading = { $side ->
    [need] Want to help this village?
   *[offer] Does your village need this?
}
listing-visitor-who = { $side ->
    [need] Firms first{" "}
   *[offer] Village committees first{" "}
}
listing-visitor-register = register
listing-visitor-or = {" "}and are verified by the office, or{" "}
listing-visitor-login = log in
listing-visitor-then = { $side ->
    [need] , then press “We will help” here.{" "}
   *[offer] , then press “Apply for this help” here.{" "}
}
listing-visitor-object = Anyone may raise a concern on the{" "}
listing-visitor-notices = public notices
listing-visitor-object-end = {" "}page.
