# Words of the campaign, relapse-monitoring, administration, agreement, pairing and message pages.

# Page titles (English only; Chinese pages keep the title their handler gives).
# campaigns/show and agreements/show have none: their title is the campaign's or agreement's name.
title-campaigns-list = Campaigns
title-campaigns-new = New campaign
title-campaigns-issue = Issue pairings
title-monitoring-list = Relapse monitoring
title-monitoring-show = Monitored household
title-monitoring-notice = Monitoring notice
title-admin-calendar = Holiday calendar
title-admin-confirm_disable = Disable an account
title-admin-new_user = New account
title-admin-programmes = Programmes
title-admin-users = Users
title-agreements-archive = Project archive
title-agreements-form = Draft agreement
title-agreements-list = Agreements
title-agreements-step = Confirm a step
title-pairings-confirm = Confirm
title-pairings-inbox = Messages
title-pairings-list = Pairings
title-pairings-show = Pairing

# Campaigns: shared
campaigns-status = { $code ->
    [drafted] Draft
    [solved] Solved
    [issued] Issued
   *[other] Unknown
}
campaigns-pair-state = { $code ->
    [proposed] Proposed
    [locked] Locked
    [excluded] Excluded
    [allowed] Restored
    [issued] Issued
   *[other] Unknown
}
campaigns-reason-kind = { $code ->
    [far] Too far
    [capacity] Firm has no places left
    [product] Wrong product or kind of help
    [record] Firm's record is poor
   *[other] Other
}
campaigns-village-category = { $code ->
    [lifted] Village out of poverty
    [key_support] Key village for revitalisation
    [weak_collective] Village with a weak collective economy
   *[relocation] Relocation site
}
campaigns-score = Match score { $pct }%
campaigns-as-of = Evaluation date { $date }
campaigns-back = Back
campaigns-choose = Choose…
campaigns-all = ← All campaigns
campaigns-new-heading = New campaign
campaigns-one-to-one = One firm, one village
campaigns-villages-taking-part = Villages taking part

# Campaigns: list
campaigns-list-heading = Campaigns
campaigns-list-lead = A campaign pairs a group of villages with a group of firms in your area at once: the system proposes the best overall pairs by match score, the office locks or excludes pairs and issues them, and once both sides accept they are reviewed.
campaigns-list-none = No campaigns yet.
campaigns-list-none-create = {" "}Press “New campaign” and pick the villages and firms to pair.

# Campaigns: new
campaigns-new-filter = Filter villages
campaigns-new-county = County
campaigns-new-all-counties = All of my area
campaigns-new-category = Village category
campaigns-new-any-category = Any
campaigns-new-poor-only = Registered poor villages only
campaigns-new-unpaired-only = Villages without a pairing only (none approved or in progress)
campaigns-new-name = Campaign name
campaigns-new-name-hint = e.g. Yuanzhou 2026 Hundred Firms Link Hundred Villages campaign
campaigns-new-as-of = Evaluation date
campaigns-new-as-of-hint = Only needs and offers still valid on this day count
campaigns-new-capacity = Most villages per firm
campaigns-new-capacity-hint = For a firm helping several villages; ticking “One firm, one village” makes it 1
campaigns-new-per-village = Most firms per village
campaigns-new-per-village-hint = For several firms per village; default 1. As many villages as possible get a pairing first, then a second firm
campaigns-new-one-to-one = One firm, one village (each firm and each village paired only once)
campaigns-new-max-km = Maximum distance (km)
campaigns-new-max-km-hint = A firm and a village further apart are not paired (when both have a location); leave empty for no limit
campaigns-new-villages = Villages ({ $n })
campaigns-new-no-villages = No verified village matches the filter. Try a wider filter.
campaigns-new-more-villages = Only the first 500 villages are listed; filter by county.
campaigns-new-enterprises = Firms ({ $n })
campaigns-new-enterprises-hint = Verified firms registered in your area, or with offers or pairings in it.
campaigns-new-no-enterprises = No verified firm in your area yet. Firms appear here once verified under “Organisation review”.
campaigns-new-more-enterprises = Only the first 500 firms are listed.
campaigns-new-submit = Create the campaign

# Campaigns: one campaign
campaigns-show-capacity = { $n ->
    [one] At most 1 village per firm
   *[other] At most { $n } villages per firm
}
campaigns-show-per-village = { $n ->
    [one] At most 1 firm per village (several firms, one village)
   *[other] At most { $n } firms per village (several firms, one village)
}
campaigns-show-max-km = At most { $km } km apart
campaigns-show-enterprises-taking-part = Firms taking part
campaigns-show-covered = Villages with a proposed pairing
campaigns-show-uncovered = Villages not covered
campaigns-show-issued = Pairings issued on { $at }. Follow each one under “Pairings”; once both sides accept, the office reviews it.
campaigns-show-stale = Pairs or budgets changed after the last solve (locked, excluded, restored or budget set): solve again and check the new proposal before issuing.
campaigns-show-solved-at = Last solved: { $at }
campaigns-show-not-solved = Not solved yet. Solving scores every village–firm pair, then, within the places and budgets, first gives as many villages as possible a pairing and then makes the total match score as high as possible.
campaigns-show-solve-again = Solve again
campaigns-show-solve = Solve
campaigns-show-issue = { $n ->
    [one] Issue this pairing
   *[other] Issue these { $n } pairings
}
campaigns-show-issue-hint = Once issued, the campaign can no longer change; both sides get the proposed pairing, and once they accept the office reviews it.
campaigns-show-pairs-issued = Pairings (issued)
campaigns-show-pairs-proposed = Proposed pairings
campaigns-show-view-need = View the need
campaigns-show-view-offer = View the offer
campaigns-show-lock = Lock
campaigns-show-unlock = Unlock
campaigns-show-exclude-pair = Exclude this pair
campaigns-show-reason = Reason
campaigns-show-details = Details
campaigns-show-exclude = Exclude
campaigns-show-no-pairs = This solve proposed no pairing: see why under the villages not covered below.
campaigns-show-no-pairs-unsolved = Not solved yet: press “Solve” above.
campaigns-show-excluded = Excluded pairs
campaigns-show-restore = Restore
campaigns-show-th-village = Village
campaigns-show-th-county = County
campaigns-show-th-pairs = Pairs
campaigns-show-budgets = Firms' places and budgets
campaigns-show-budgets-hint = A budget is what a firm can spend on one kind of help in this campaign. With a budget set, solving keeps the total this firm's pairs of that kind need (the village's need, at most what the firm's offer states) within it; without one there is no limit.
campaigns-show-budgets-hint-steer = {" "}Solve again after a change.
campaigns-show-places = Places { $capacity } · used { $taken }
campaigns-show-budget-notice = Budget { $notice }.
campaigns-show-budget = { $kind } budget: { $used } of { $amount } used
campaigns-show-over-budget = (over budget: not solved again since it was set)
campaigns-show-budget-remove = Remove budget ({ $kind })
campaigns-show-no-budget = Budget: no limit
campaigns-show-help-kind = Kind of help
campaigns-show-budget-amount = Budget (yuan)
campaigns-show-budget-placeholder = e.g. 200000
campaigns-show-set-budget = Set budget

# Campaigns: confirm issuing
campaigns-issue-heading = Confirm issuing: { $name }
campaigns-issue-lead = { $n ->
    [one] The pair below will be issued.
   *[other] The { $n } pairs below will be issued.
} Each becomes a proposed pairing from the campaign: the firm and the village committee each get a message, and once both accept, the office reviews it. A pair that already has a pairing in progress is linked to it, not duplicated.
campaigns-issue-warn = Once issued, this campaign can no longer be solved, and its pairs can no longer be locked or excluded. To change anything, start a new campaign.
campaigns-issue-confirm = Issue the pairings

# Relapse monitoring: shared
monitoring-heading = Relapse monitoring
monitoring-stage = { $code ->
    [visit] Home visit due
    [review] Representatives' review due
    [notice] Village notice due
    [township] On notice, township review due
    [county] County decision due
    [measures] Help measures due
    [watching] Monitored and helped
    [cleared] Risk gone
    [declined] Not taken in
   *[other] { $code }
}
monitoring-channel = { $code ->
    [application] Household's own application
    [village_check] Village's regular check
    [data_alert] Department data alert
   *[other] { $code }
}
monitoring-risk = { $code ->
    [illness] Illness
    [disability] Disability
    [schooling] Schooling costs
    [disaster] Disaster
    [accident] Accident
    [work] Unsteady work
    [business] Failed business
    [housing] Unsafe housing
    [water] Unsafe drinking water
   *[other] Other
}
monitoring-category = { $code ->
    [unstable] Unstable household out of poverty
    [edge] Household on the edge of poverty
    [sudden] Household in sudden severe hardship
   *[other] { $code }
}
monitoring-measure = { $code ->
    [industry] Industry help
    [employment] Job help
    [training] Skills training
    [consumption] Help through purchases
    [education] Education help
    [health] Health help
    [welfare] Basic welfare
   *[other] Other
}
monitoring-step-title = { $code ->
    [visit] Record the home visit
    [review] Record the representatives' review
    [notice] Record the village notice (day posted)
    [township] Record the township's review
    [county] Record the county's decision
    [measures] Put help measures in place
    [watching] Add a help measure
   *[other] {""}
}
monitoring-result-yes = { $code ->
    [review] Agree to take in; go to the village notice
    [township] Passed; send to the county for decision
    [county] Take in as a monitored household
   *[other] {""}
}
monitoring-result-no = { $code ->
    [review] Do not agree to take in
    [township] Not passed
    [county] Do not take in
   *[other] {""}
}
monitoring-choose = Choose…
monitoring-form-below = form below
monitoring-errors-end = ; correct them and send again.
monitoring-case-no = No. { $id } · { $head }
monitoring-persons = { $n ->
    [one] 1 person
   *[other] { $n } people
}
monitoring-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
monitoring-overdue-days = { $n ->
    [one] 1 day overdue
   *[other] { $n } days overdue
}
monitoring-range = { $from } to { $until }
monitoring-th-case = Household
monitoring-th-village = Village
monitoring-th-stage = Current step
monitoring-th-due = Due
monitoring-th-overdue = Overdue
monitoring-th-total = Total
monitoring-th-members = Household size
monitoring-th-found = Found on

# Relapse monitoring: list and registration
monitoring-list-lead = Households at risk of falling into poverty, found through their own application, village checks or department alerts, go in turn through a home visit ({ $village ->
    [true] within 5 working days
   *[other] within 5 working days of being found
}), review by village representatives, a village notice of at least 5 days, township review and the county's decision (within 15 days of being found). Those taken in get help measures and leave monitoring once the risk is gone. Only the village, its office and auditors see this page.
monitoring-list-open-case = Open household no. { $id }
monitoring-list-errors = Not registered: see the problems marked in the{" "}
monitoring-list-workdays = Working days in the time limits follow the{" "}
monitoring-list-calendar = holiday calendar
monitoring-list-workdays-end = .
monitoring-list-overdue = { $n ->
    [one] Overdue (1 household)
   *[other] Overdue ({ $n } households)
}
monitoring-list-by-village = Open cases by village
monitoring-list-ours = Our monitored households
monitoring-list-in-progress = Households being handled (not yet receiving help; the earliest 300)
monitoring-list-none-village = No household registered in our village yet.
monitoring-list-none = No household is being handled in your area.
monitoring-list-none-see-counts = No household is being handled in your area; households monitored and helped are counted in the table above.
monitoring-list-file = Register a household at risk
monitoring-list-household = Household
monitoring-list-not-registered = Not on the poverty register (give the head and size below)
monitoring-list-village-code = Village area code (12 digits, required)
monitoring-list-village-code-hint = The village in the data alert; it must be in your office's area
monitoring-list-head-name = Head of household (if not on the register)
monitoring-list-head-name-hint = Name only: no ID number or phone
monitoring-list-members = Household size (if not on the register)
monitoring-list-channel = How it was found (required)
monitoring-list-channel-hint = A village cadre may register a household's own application for it.
monitoring-list-risk = Kind of risk (required, not public)
monitoring-list-found-on = Found on (required)
monitoring-list-note = What was found (required, 4–300 characters)
monitoring-list-note-hint = e.g. wages stopped, family costs jumped. No ID, phone or bank card numbers.
monitoring-list-submit = Register and start checking

# Relapse monitoring: one household
monitoring-back = ← Relapse monitoring
monitoring-show-heading = Household no. { $id } · { $head }
monitoring-show-errors = Not recorded: see the problems marked in the{" "}
monitoring-show-overdue = “{ $stage }” was due by { $due }: { $n ->
    [one] 1 day
   *[other] { $n } days
} overdue.
monitoring-show-head = Head
monitoring-show-channel = How found
monitoring-show-risk = Kind of risk
monitoring-show-risk-private = { $risk } (not public)
monitoring-show-now = Now
monitoring-show-closed-on = {" "}({ $date })
monitoring-show-category = Monitoring category
monitoring-show-village-notice = Village notice
monitoring-show-deadlines = Time limits
monitoring-show-deadline = { $what }: { $when }
monitoring-show-print-notice = Print the village notice
monitoring-show-print-notice-hint = {" "}(only the head's name and household size: no ID, phone, bank or health details)
monitoring-show-record = Record
monitoring-show-used-offer = Used from the platform:{" "}
monitoring-show-township-from = The notice runs at least 5 days: the township review can be recorded from { $date }.
monitoring-show-done-on = Date (required)
monitoring-show-result = Decision (required)
monitoring-show-result-no = { $result } (give the reason; the case ends)
monitoring-show-category-taken = Category taken in under
monitoring-show-measure-kind-adding = Kind of measure (required when adding one)
monitoring-show-measure-kind = Kind of measure (required)
monitoring-show-offer = Use a job, training or purchase offer from the platform (optional)
monitoring-show-no-offer = None
monitoring-show-note-measure = The measure (no ID, phone or bank card numbers)
monitoring-show-note = What was done (no ID, phone or bank card numbers)
monitoring-show-clear = Risk gone: leave monitoring
monitoring-show-clear-hint = When monitoring shows the household's income is stable and the risk is gone, the office records that it leaves monitoring, with the reason. The case then ends.
monitoring-show-clear-on = Date decided (required)
monitoring-show-clear-note = Reason for leaving (required; no ID, phone or bank card numbers)
monitoring-show-clear-confirm = I confirm this household's risk is gone and it leaves monitoring
monitoring-show-clear-submit = Leave monitoring
monitoring-show-handled-by = “{ $stage }” is recorded by { $code ->
    [visit] the village
    [review] the village
    [notice] the village
   *[other] the county office
}.

# Relapse monitoring: village notice
monitoring-notice-back = ← Back to household no. { $id }
monitoring-notice-print = Print this page with the browser and post it on the village notice board.
monitoring-notice-heading = { $village }: household proposed for relapse monitoring, public notice
monitoring-notice-lead = After the household's application (or a village check or department alert), a home visit and review by village representatives, the household below is proposed for relapse monitoring. This is its public notice.
monitoring-notice-head = Head of household
monitoring-notice-period = Notice period: { $from } to { $until }.
monitoring-notice-period-open = Notice period: at least 5 days from the day it is posted.
monitoring-notice-object = Anyone who objects may tell { $village } in person or in writing during the notice period.

# Administration: shared
admin-save = Save
admin-back = Back
admin-choose = Choose…

# Administration: holiday calendar
admin-calendar-heading = Holiday calendar
admin-calendar-lead = Time limits counted in working days (such as the home visit in relapse monitoring: within 5 working days of being found) leave out weekends, then the public holidays and swapped working days entered here. The system administrator enters them each year once the State Council's General Office publishes the next year's plan. { $n ->
    [one] 1 day entered so far.
   *[other] { $n } days entered so far.
}
admin-calendar-days = One day a line: a weekday off as “date off” (or 休), a weekend working day as “date work” (or 班); text after # is a note
admin-calendar-example = e.g. 2026-10-01 off, 2026-10-10 work.
admin-calendar-none = No holidays entered yet: only weekends count for now.

# Administration: disable an account
admin-confirm-disable-heading = Disable this account?
admin-confirm-disable-lead = Disabling{" "}
admin-confirm-disable-who = {" "}({ $role })
admin-confirm-disable-who-unit = {" "}({ $role }, { $unit })
admin-confirm-disable-rest = {" "}logs the account out at once; it can no longer log in and its API tokens stop working. It can be enabled again when needed. This is recorded in the audit trail.
admin-confirm-disable-submit = Disable the account

# Administration: new account
admin-new-user-back = ← Users
admin-new-user-heading = New account
admin-new-user-lead = Open accounts for office reviewers, designated-help units or village committee members (such as a first secretary stationed in the village). A new account has no password: the security administrator issues a one-time password, which its user changes at first log-in.
admin-new-user-kind = Kind of account
admin-new-user-office = Office reviewer (give the area covered)
admin-new-user-help-unit = Designated-help unit (choose the unit: it sees only its own villages and its yearly assessment)
admin-new-user-village = Village committee member, e.g. a first secretary (give the village's area code: sees and handles the village's needs, pairings and agreements like its other accounts)
admin-new-user-login = Login name
admin-new-user-login-hint = 3–32 lower-case letters, digits, underscores, dots or hyphens
admin-new-user-name = Name
admin-new-user-jurisdiction = Area covered (reviewers)
admin-new-user-unit = Designated-help unit
admin-new-user-no-units = No designated-help unit in post yet: the office first enters one under “Responsibilities”.
admin-new-user-village-code = Village area code (village members)
admin-new-user-village-code-hint = 12 digits, e.g. 360902101201
admin-new-user-submit = Create the account

# Administration: programmes
admin-programmes-name = { $code ->
    [bqlbc] Hundred Firms Link Hundred Villages (Ten Thousand Firms Help Ten Thousand Villages)
    [wqxwc] Ten Thousand Firms Revitalise Ten Thousand Villages
    [dxxz] East–West cooperation
    [ddbf] Designated help
    [xfbf] Help through purchases
   *[shzz] Help from social organisations
}
admin-programmes-period = { $code ->
    [bqlbc] 2015–2020, targeted poverty relief
    [wqxwc] From 2021, rural revitalisation
   *[other] Regular targeted help
}
admin-programmes-wording = { $code ->
    [bqlbc] poverty relief (扶贫)
   *[other] help (帮扶)
}
admin-programmes-heading = Programmes
admin-programmes-county-errors = County categories not saved:{" "}
admin-programmes-county-errors-link = correct them as shown below and save again
admin-programmes-county-errors-end = .
admin-programmes-lead = The programmes this platform runs. Agreements and contribution records are tagged with the programmes they count for; a record appears in the ledger of each, and every total counts it once. Untagged agreements and records count for the current programme (now “{ $current }”). Hundred Firms Link Hundred Villages (Ten Thousand Firms Help Ten Thousand Villages, 2015–2020) keeps the word “poverty relief” (扶贫); the current programmes say “help” (帮扶).
admin-programmes-th-programme = Programme
admin-programmes-th-period = Period
admin-programmes-th-wording = Wording
admin-programmes-th-running = Running
admin-programmes-th-current = Current programme
admin-programmes-th-status = Status
admin-programmes-running = Running
admin-programmes-not-running = Not running
admin-programmes-current = Current
admin-programmes-kept-by = Kept by the system administrator. Each programme's ledger is under{" "}
admin-programmes-ledgers = Programme ledgers
admin-programmes-kept-by-end = .
admin-programmes-counties = County categories
admin-programmes-counties-lead = County categories such as national key county for revitalisation and county out of poverty are entered from the lists published above. The help-through-purchases ledger notes the category of the county of origin, and each programme ledger counts purchases from key counties.
admin-programmes-th-county = County
admin-programmes-th-code = Area code
admin-programmes-th-category = Category
admin-programmes-no-counties = No county categories entered yet.
admin-programmes-counties-label = One county a line: its area code (6 digits) and categories; text after # is a note
admin-programmes-counties-hint = e.g. 360926 脱贫县、国家乡村振兴重点帮扶县 (county out of poverty, national key county for revitalisation). Saving replaces the whole list; saving an empty list clears every county category.
admin-programmes-save-counties = Save county categories

# Administration: users
admin-users-heading = Users
admin-users-lead = The system administrator creates office reviewer accounts and disables or enables business accounts, but issues no passwords and does not manage the system, security and audit administrators' accounts (those are managed on the server's command line). { $n } business accounts in all.
admin-users-new = New account (reviewer, unit)
admin-users-awaits-password = Awaiting password
admin-users-disabled = Disabled
admin-users-locked = Log-in restricted
admin-users-enable = Enable
admin-users-disable = Disable
admin-users-none = No account found. Try another login name or name.

# Agreements: shared
agreements-status = { $code ->
    [pending_village] Awaiting the village
    [returned] Sent back
    [pending_filing] Awaiting filing
    [active] In force
    [completed] Completed
    [terminated] Terminated
   *[other] Unknown
}
agreements-step = { $code ->
    [countersign] Countersign
    [return] Send back for changes
   *[file] File
}
agreements-contribution-status = { $code ->
    [reported] Awaiting confirmation
    [confirmed] Confirmed by the village
    [verified] Verified
    [disputed] Under objection
    [corrected] Corrected
    [withdrawn] Withdrawn
    [rejected] Not accepted
   *[other] Unknown
}
agreements-contribution-step = { $code ->
    [confirm] Confirm
    [dispute] Object
    [verify] Verify
    [withdraw] Withdraw the record
    [uphold] Uphold the objection
   *[overrule] Overrule and verify
}
agreements-draft = Draft an agreement
agreements-returned-comment = Sent back with: { $comment }
agreements-plan = Plan
agreements-no-plan = The agreement sets no plan.
agreements-milestones = Milestones
agreements-persons = { $n ->
    [one] 1 person
   *[other] { $n } people
}
agreements-back = Back to the agreement
agreements-back-to-pairing = Back to the pairing
agreements-save = Save
agreements-all = All

# Agreements: project archive
agreements-archive-back = ← Back to the agreement
agreements-archive-download = { $n ->
    [one] Download the archive (.zip, 1 evidence file)
   *[other] Download the archive (.zip, { $n } evidence files)
}
agreements-archive-print = Use the browser's Print to save it as PDF
agreements-archive-file-title = Project archive: { $title }

# Agreements: draft and edit
agreements-form-edit = Edit the agreement
agreements-form-lead = Pairing #{ $id }. Filled in from the pairing's offer and need: check and edit. Amounts in yuan; leave items that do not apply empty. Once sent, the village committee countersigns and the office files it; it comes into force when filed.
agreements-form-title = Agreement title
agreements-form-terms = Terms (each side's duties, how help is given)
agreements-form-money = Money (yuan)
agreements-form-goods = Goods, valued (yuan)
agreements-form-produce = Produce purchases (yuan)
agreements-form-jobs = Jobs (people)
agreements-form-trainees = Skills training / technical help (people)
agreements-form-trainees-hint = Technical help counts the farm households guided
agreements-form-starts = Start date
agreements-form-ends = End date
agreements-form-milestones = Milestones (optional)
agreements-form-milestone = Milestone { $n }
agreements-form-milestone-title = Name
agreements-form-milestone-due = Due date
agreements-form-milestone-amount = Total amount by then (yuan)
agreements-form-programmes = Programmes it counts for (a record may count for several; totals count it once)
agreements-form-period = ({ $period })
agreements-form-resubmit = Send again
agreements-form-submit = Send to the village committee to countersign

# Agreements: list
agreements-list-heading = Agreements
agreements-filter-status = Filter by status
agreements-list-more = Only the latest 200 are listed; filter by status.
agreements-list-none = No agreements match. Once a pairing is approved, the firm or the office drafts an agreement on the pairing's page; it comes into force once the village countersigns and the office files it.

# Agreements: one agreement
agreements-show-party-a = Party A (firm): { $name }
agreements-show-party-b = Party B (village): { $name }
agreements-show-period = Term: { $period }
agreements-show-programmes = Counts for: { $programmes }
agreements-show-tag = Change the programmes (office)
agreements-show-tag-legend = Programmes this agreement counts for (records not tagged on their own follow it)
agreements-show-stage = { $code ->
    [pending_village] Agreement drafted, awaiting the village committee: it reads the terms and countersigns, or sends it back with a comment.
    [returned] Sent back: the drafter edits it as asked and sends it again; then the village countersigns.
    [pending_filing] Countersigned by the village, awaiting filing by the office; once filed the agreement is in force.
   *[other] {""}
}
agreements-show-edit = Edit as asked and send again
agreements-show-terms = Terms
agreements-show-progress = Plan and progress
agreements-show-th-item = Item
agreements-show-th-planned = Planned
agreements-show-th-verified = Verified
agreements-show-th-done = Done
agreements-show-milestone = { $title }, by { $due }
agreements-show-milestone-amount = , planned { $amount }
agreements-show-contributions = Contributions
agreements-show-report = Report help given
agreements-show-record-no = Record no. { $id }
agreements-contribution-suspended = Objection upheld: off notice, counted in no total
agreements-show-purchase = Purchase: { $purchase }
agreements-show-pay = Record payment and rate
agreements-show-retain = Report the 6-month follow-up
agreements-show-verify-retention = Verify the follow-up
agreements-show-counts-for = Counts for: { $programmes }
agreements-show-supersedes = Corrects contribution #{ $id }
agreements-show-dispute = Village's objection: { $reason }
agreements-show-resolution = Outcome: { $resolution }
agreements-show-evidence = Evidence:{" "}
agreements-show-correct = Correct
agreements-show-no-contributions = No contributions yet.
agreements-show-closed = Agreement ended: { $reason }
agreements-show-rating = Village satisfaction ({ $year })
agreements-show-rating-given = Village's rating:{" "}
agreements-show-rating-comment = , { $comment }
agreements-show-rating-legend = Our rating of this help for { $year } (once a year; counts in the yearly assessment)
agreements-show-rating-comment-label = Comment (optional)
agreements-show-rating-submit = Send the rating
agreements-show-not-rated = The village has not rated it yet.
agreements-show-close = End the agreement (office)
agreements-show-close-draft = The agreement is not in force yet: it can only be terminated (e.g. the village has long not countersigned, or the firm no longer edits it).
agreements-show-close-completed = Plan completed
agreements-show-close-terminated = Terminate
agreements-show-close-reason = Reason
agreements-show-close-submit = End the agreement
agreements-show-signatures = Party A (seal):　　　　　　Party B (seal):　　　　　　Date:
agreements-show-back-to-list = Back to agreements
agreements-show-archive = Project archive

# Agreements: confirm a step
agreements-step-heading = Confirm: { $label }
agreements-step-party-a = Party A: { $name }
agreements-step-party-b = Party B: { $name }
agreements-step-period = Term: { $period }
agreements-step-notice = The other side is told, and this is recorded in the audit trail.
agreements-step-comment = What to change (the firm will see this)
agreements-step-submit = { $label }

# Pairings: shared
pairings-no = Pairing #{ $id }
pairings-status = { $code ->
    [proposed] Awaiting answers
    [accepted_by_enterprise] Accepted by the firm
    [accepted_by_village] Accepted by the village
    [pending_review] In review
    [approved] Approved
    [rejected] Rejected
    [declined] Declined
    [withdrawn] Withdrawn
    [lapsed] Lapsed
   *[other] Unknown
}
pairings-act = { $code ->
    [accept] Accept the pairing
    [decline] Decline
    [withdraw] Withdraw
    [approve] Approve
   *[reject] Reject
}
pairings-score = Match score { $pct }
pairings-back = Back

# Pairings: confirm a step
pairings-confirm-heading = Confirm: { $label }
pairings-confirm-lead = “{ $label }” on pairing #{ $id }. The other side is told, and this is recorded in the audit trail.
pairings-confirm-kind = Reason
pairings-confirm-reason = Reason or comment
pairings-confirm-hint = The other side and the office see this; it may stay empty for “Too far” or “Firm has no places left”.{" "}
pairings-confirm-hint-village = The other side and the office see this; it may stay empty for “Too far”.{" "}
pairings-confirm-hint-parties = The enterprise and the village see this; it may stay empty for “Too far” or “Firm has no places left”.{" "}
pairings-confirm-hint-office = Your office's later campaigns take these reasons into account.
pairings-confirm-hint-other = The office's later campaigns take these reasons into account.
pairings-confirm-submit = { $label }

# Messages
pairings-inbox-heading = Messages
pairings-inbox-marked = All marked as read.
pairings-inbox-unread = { $n } unread.{" "}
pairings-inbox-mark-all = Mark all as read
pairings-inbox-new = New
pairings-inbox-none = No messages. Pairing progress, review results, assessment notices and other things you need to know or do arrive here.

# Pairings: list
pairings-list-heading = Pairings
pairings-list-filter = Filter by status
pairings-list-tab = { $code ->
    [mine] { $role ->
        [office] For my review
       *[other] Waiting for me
    }
    [theirs] { $role ->
        [enterprise] Waiting for the other side
        [village] Waiting for the other side
       *[other] Waiting for both sides
    }
    [review] In review
    [approved] Approved
    [closed] Closed
   *[other] All
}
pairings-list-sort = Sort
pairings-list-sort-by = { $code ->
    [updated] Recently updated first
    [new] Newest first
    [old] Oldest first
    [score] Best match first
   *[other] { $code }
}
pairings-list-export = Export to Excel
pairings-list-updated = Updated { $at }
pairings-list-offer = Offer: { $title }
pairings-list-need = Need: { $title }
pairings-list-empty = { $tab ->
    [mine] No pairings waiting for you.
    [theirs] No pairings waiting to be confirmed.
    [review] No pairings waiting for the office's review.
    [approved] No approved pairings yet.
    [closed] No closed pairings (declined, withdrawn, rejected, or approved but lapsed without an agreement in time, would be listed here).
   *[other] No pairings yet. On an offer's or a need's page, look at the suggestions and propose a pairing from there.
}

# Pairings: one pairing
pairings-show-enterprise = Firm
pairings-show-offer = Offer
pairings-show-village = Village
pairings-show-need = Village need
pairings-show-why = Why proposed
pairings-show-reason = Reason for declining or withdrawing
pairings-show-review-reason = Review comment
pairings-show-agreement = View the agreement
pairings-show-history = History
pairings-show-no-history = This pairing was entered early on and has no step-by-step record.
