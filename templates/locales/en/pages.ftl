# Words of the site's pages in English: organisations, pairings, workbench, assets, training,
# income and more. Keys start with the template's folder and name (listings-show-…).

# Page titles (a template's title in this language; Chinese pages keep theirs)
title-listings-confirm = Confirm
title-listings-form = Offer or need
title-organisations-profile = Our organisation
title-security-scope = Change review scope
title-security-settings = Security settings
title-security-users = Account security
title-contributions-confirm = Contribution: confirm a step
title-contributions-form = Contribution record
title-my-home = My workbench
title-my-worklog = Work log
title-portal-desk = Stories
title-portal-index = Honour roll
title-cadres-mine = My households
title-cadres-show = Paired household
title-leaders-show = Village leadership
title-assets-list = Project assets
title-training-list = Cadre training
title-income-mine = Collective income
title-income-office = Village collective income

# Page frame
layout-brand = qicun

# An offer or a need
listings-show-urgency = { $n ->
    [3] Urgent
    [2] Fairly urgent
   *[other] Normal
}
listings-show-edit = Edit
listings-show-step = { $code ->
    [publish] Publish
    [close] Mark as completed
    [withdraw] Withdraw
   *[other] { $code }
}
listings-show-unverified = Your organisation can publish once the office has verified it.
listings-show-paired = Your organisation has already proposed a pairing on this listing:{" "}
listings-show-see-pairing = See pairing #{ $id }
listings-show-help = { $side ->
    [need] We will help
   *[other] Apply for this help
}
listings-show-own = { $side ->
    [need] Use one of our offers (optional)
   *[other] Link one of our village's needs (optional)
}
listings-show-own-none = None
listings-show-help-unverified = Your unit can { $side ->
    [need] offer help to this village
   *[other] apply for this offer
} once the office has verified it. See its progress in
listings-show-help-unverified-link = your unit's profile
listings-show-help-unverified-end = .
listings-show-outside = This offer serves only { $area }, which does not include your village. You may still apply; the firm decides whether to accept.
listings-show-own-hint = { $side ->
    [need] Only your published offers of a fitting kind are listed.
   *[other] Only your published needs of a fitting kind are listed.
}
listings-show-matches = { $side ->
    [need] Suggested firms
   *[other] Suggested villages
}
listings-show-no-matches = No good suggestions of the same kind yet. Add more detail, serve more regions or change the kind, then look again.
listings-show-others = Others that may help
listings-show-others-hint = A different kind of help: only as an addition.
listings-show-more = More matches
listings-show-fewer = Show the first few only
listings-show-score-how = How the match score works
listings-show-score-text = The match score runs from 0 to 100. It first counts the kind of help, how near the places are, the size, how hard up the village is, how urgent the need is, when it was posted and the firm's record of keeping agreements; then whether the texts are related (shared words and characters; synonyms, everyday names and similar products count): a text with nothing in common counts only half, and the reason says "nothing in common found in the content"; a stated condition that is not met (such as work near home, age, the products bought) lowers the score by how far it is missed, down to three tenths. Suggestions of the same kind come first; another kind is listed after them, as a complement, only when its text says much the same. On our test set, more than nine in ten suggestions above 70 really fitted, about two in three from 60 to 70, about half from 50 to 60, and few below 40.

# Publish, mark as completed, withdraw
listings-confirm-heading = { $step ->
    [publish] Publish this listing?
    [close] Mark this listing as completed?
    [withdraw] Withdraw this listing?
   *[other] Confirm: { $step }
}
listings-confirm-submit = { $step ->
    [publish] Publish
    [close] Mark as completed
    [withdraw] Withdraw
   *[other] { $step }
}
listings-confirm-what = { $step ->
    [publish] To publish:{" "}
    [close] To mark as completed:{" "}
    [withdraw] To withdraw:{" "}
   *[other] { $step }:{" "}
}
listings-confirm-facts = {" "}({ $kind }, now { $status })
listings-confirm-warning = { $step ->
    [publish] Once published everyone can see it, and the platform suggests pairings from it.
    [close] Once marked as completed it can no longer be edited or published again.
   *[other] Once withdrawn it can no longer be edited or published again, and public pages no longer show it.
}
listings-confirm-back = Back
listings-propose-heading = Confirm the pairing proposal
listings-propose-for = Proposing a pairing for: 
listings-propose-other = Paired with
listings-propose-organisation = Published by
listings-propose-score = Match score
listings-propose-next = Once you confirm, the other side receives the proposal; after they accept, { $office } reviews it. You can withdraw it on the pairing's page before the review.
listings-propose-submit = Propose the pairing

# Post or edit an offer or a need
listings-form-heading = { $editing ->
    [true] { $offer ->
        [true] Edit the offer
       *[other] Edit the village need
    }
   *[other] { $offer ->
        [true] Post an offer
       *[other] Post a village need
    }
}
listings-form-kind = Kind of help
listings-form-choose = Choose
listings-form-title = Title
listings-form-title-hint = One clear sentence (4–60 characters), e.g. Buying selenium-rich rice long-term
listings-form-body-hint = At least 10 characters, at most 2,000. The page is public: do not write a phone number.
listings-form-quantity-hint = A whole number, e.g. 500; for a fraction use a smaller unit (1.5 t as 1500 kg)
listings-form-errors = Some fields need changing: see the ones marked in red below.
listings-form-body = Details
listings-form-amount = Amount (yuan, optional)
listings-form-amount-hint = e.g. 12500 or 12,500.50
listings-form-quantity = Quantity (optional)
listings-form-unit = Unit
listings-form-unit-hint = e.g. kg, people, mu
listings-form-urgency = Urgency
listings-form-urgency-1 = Normal
listings-form-urgency-2 = Fairly urgent
listings-form-urgency-3 = Urgent
listings-form-from = Start date
listings-form-from-hint = Today if left empty
listings-form-until = End date (optional)
listings-form-until-hint = Taken down automatically after the end date
listings-form-save-draft = Save draft
listings-form-save-changes = Save changes
listings-form-publish = Publish now
listings-form-unverified = Your organisation can publish once the office has verified it; for now you can save a draft.

# Our organisation
organisations-show-status = { $code ->
    [pending] Awaiting review
    [verified] Verified
    [suspended] Suspended
    [returned] Returned for changes
    [rejected] Not verified
   *[other] Unknown
}
organisations-show-kind = { $code ->
    [enterprise] Firm
    [village] Village committee
    [office] Office
   *[other] Organisation
}
organisations-profile-pending = Your organisation is waiting for the office's review. You can complete your details and save drafts; once verified you can post and accept pairings.
organisations-profile-returned = The office sent your registration back. Its comment:{" "}
organisations-profile-returned-then = Please change the details below as asked and save; saving sends them for review again.
organisations-profile-rejected = The office refused to verify your organisation. Reason:{" "}
organisations-profile-rejected-then = If you think this is wrong, send more documents to{" "}
organisations-profile-rejected-end = ; once the office has checked them it can take up your registration again, and you are back to awaiting review.
organisations-profile-suspended = The office has suspended your organisation; its details are not public for now.{" "}
organisations-profile-reason = Reason:{" "}
organisations-profile-suspended-ask = If you have questions, contact{" "}
organisations-profile-suspended-end = .
organisations-profile-uscc = Unified social credit code
organisations-profile-industry = Industry
organisations-profile-public-page = See the public page
organisations-profile-name = Firm name
organisations-profile-name-hint = As on the business licence; cannot be changed after verification
organisations-profile-uscc-hint = 18 characters, as on the business licence; cannot be changed after verification
organisations-profile-contact = Contact person
organisations-profile-contact-phone = Contact's mobile
organisations-profile-contact-phone-hint = The public page hides the middle four digits
organisations-profile-address = Firm address
organisations-profile-population = Population (people)
organisations-profile-poor-households = Registered poor households
organisations-profile-poor-population = People in registered poor households
organisations-profile-industries = Main industries
organisations-profile-first-secretary = First secretary (stationed in the village)
organisations-profile-first-secretary-phone = First secretary's mobile
organisations-profile-party-secretary = Village Party secretary
organisations-profile-party-secretary-phone = Village Party secretary's mobile
organisations-profile-save = Save

# A firm's or a village's public page
organisations-show-verified = {" "}(verified)
organisations-show-industry = Industry
organisations-show-address = Address
organisations-show-population = Population
organisations-show-people = { $n ->
    [one] 1 person
   *[other] { $n } people
}
organisations-show-poor = Registered poor households
organisations-show-poor-figures = { $households } households, { $people } people
organisations-show-poor-village = Poor village
organisations-show-yes = Yes
organisations-show-no = No
organisations-show-categories = Village categories
organisations-show-offers = Offers open now
organisations-show-needs = Needs open now
organisations-show-no-listings = Nothing published at the moment.
organisations-show-partners = Paired with
organisations-show-no-partners = No approved pairings yet.
organisations-show-leaders = Village leadership
organisations-show-in-post-since = in post since { $date }
organisations-show-no-leaders = The office has not recorded this village's leadership yet.
organisations-show-leaders-link = Leadership records and history
organisations-show-responsible = Who answers for this village
organisations-show-from = since { $date }
organisations-show-no-responsible = The office has not yet recorded the leaders or units linked to this village.

# Account security (the security administrator)
security-scope-heading = Change review scope
security-scope-reviewer = Reviewer:{" "}
security-scope-now = . Now: { $current }.
security-scope-new = New review scope
security-scope-choose = Choose
security-scope-hint = After the change all of this reviewer's logins end; from the next login they can only review organisations and pairings in the new scope.
security-scope-submit = Confirm the change
security-scope-back = Back
security-settings-saved = Security settings saved; every server node applies them within seconds.
security-settings-max-age = Password lifetime for reviewers and administrators (days)
security-settings-max-age-hint = When it runs out the password must be changed before going on; 0 means it never runs out. Passwords of firm and village committee accounts never run out.
security-settings-totp = Reviewers and administrators must log in with two-step verification (a code from an authenticator app)
security-settings-totp-hint = Once on, accounts without it must set it up by scanning a code at their next login; firm and village committee accounts may turn it on if they wish.
security-settings-save = Save
security-users-issued = One-time password issued for { $name } (login name{" "}
security-users-issued-password = ):{" "}
security-users-issued-end = . It is shown only this once: hand it over in person or another safe way; they must change it at their first login. The account's earlier logins and API tokens no longer work.
security-users-lead = The security administrator issues one-time passwords to business accounts and lifts login restrictions; the system, security and audit administrator accounts are managed on the server's command line. { $n } business accounts in all.
security-users-awaits = Password to issue
security-users-disabled = Disabled
security-users-locked = Login restricted
security-users-totp = Two-step verification
security-users-issue = Issue a one-time password
security-users-reset = Reset password
security-users-clear-totp = Clear two-step verification
security-users-unlock = Lift login restriction
security-users-none = No account found. Try another login name or name.

# Find an account (search box on account lists)
partials-account-search-label = Find an account (login name or name)
partials-account-search-submit = Find

# A contribution: confirm, object, verify, withdraw, decide
contributions-confirm-heading = { $code ->
    [confirm] Confirm the record is true
    [dispute] Raise an objection
    [verify] Verify the record
    [withdraw] Withdraw the record
    [uphold] Uphold the objection
    [overrule] Overrule the objection and verify
   *[other] Confirm: { $code }
}
contributions-confirm-step = { $code ->
    [confirm] Confirm it is true
    [dispute] Raise an objection
    [verify] Verify
    [withdraw] Withdraw the record
    [uphold] Uphold the objection
    [overrule] Overrule and verify
   *[other] { $code }
}
contributions-confirm-status = Status now:{" "}
contributions-confirm-kind = Kind
contributions-confirm-households = Households helped
contributions-confirm-households-n = { $n ->
    [one] 1 household
   *[other] { $n } households
}
contributions-confirm-persons = People helped
contributions-confirm-persons-n = { $n ->
    [one] 1 person
   *[other] { $n } people
}
contributions-confirm-date = Date
contributions-confirm-description = Description
contributions-confirm-purchase = Purchase
contributions-confirm-payment = Payment and rating
contributions-confirm-dispute = The village committee's objection
contributions-confirm-evidence = Evidence
contributions-confirm-no-evidence = No evidence.
contributions-confirm-flags = Risk warnings
contributions-confirm-audit = The other side is told, and this step goes into the audit trail.
contributions-confirm-reason = { $code ->
    [dispute] Why you object (the firm and the office will see this)
    [verify] { $flagged ->
        [yes] Verification note (required: there are risk warnings)
       *[other] Verification note
    }
    [withdraw] Why you withdraw it (optional)
   *[other] Reasons for the decision (both sides will see them)
}
contributions-confirm-back = Back to the agreement

# Report or correct a contribution
contributions-form-correct = Correct a contribution
contributions-form-report = Report a contribution
contributions-form-correct-note = Once sent, this new record replaces the old one (marked as corrected), and the village committee must confirm it again.
contributions-form-lead = It counts towards the agreement and goes on public notice once the village committee confirms it and the office verifies it. A produce purchase (help through purchases) can be verified only after the village confirms delivery and the firm records payment and rates the quality.
contributions-form-choose = Choose
contributions-form-kind = { $code ->
    [money] Money
    [goods] Goods
    [jobs] Jobs found
    [trainees] Training / technical help
    [produce] Produce purchase
   *[other] { $code }
}
contributions-form-product = Product bought (for produce purchases)
contributions-form-product-hint = e.g. selenium-rich rice, navel oranges
contributions-form-amount = Amount (yuan)
contributions-form-amount-hint = Money, the value of goods, or the purchase amount
contributions-form-quantity = Quantity (required for produce purchases)
contributions-form-unit = Unit
contributions-form-unit-hint = e.g. kg, head, people
contributions-form-market-price = Market price (yuan per unit, optional for produce purchases)
contributions-form-market-price-hint = Purchases more than 30% above the market price are flagged for the office to check
contributions-form-households = Poor households helped
contributions-form-persons = People helped
contributions-form-persons-hint = For jobs and training, the number of people
contributions-form-programmes = Counts for programmes
contributions-form-programme = { $code ->
    [bqlbc] Hundred Firms Link Hundred Villages (Ten Thousand Firms Help Ten Thousand Villages)
    [wqxwc] Ten Thousand Firms Revitalise Ten Thousand Villages
    [dxxz] East–West cooperation
    [ddbf] Designated help
    [xfbf] Help through purchases
    [shzz] Help from social organisations
   *[other] { $code }
}
contributions-form-programmes-hint = The same as the agreement unless changed; a produce purchase can also count for help through purchases. Each programme's ledger counts the record; totals count it once.
contributions-form-files = Evidence (photos, receipts, lists; JPEG, PNG or PDF, up to 8 MB each and 10 MB in all at once)
contributions-form-files-again = Your browser does not keep the files you chose: choose the evidence again before sending.
contributions-form-errors = Not sent yet: change what is marked in red below.
contributions-form-files-again-kept = Your browser does not keep the files you chose: choose any new evidence again.
contributions-form-kept = Evidence of the record being corrected (ticked files are kept)
contributions-form-kept-hint = Untick a wrong file and upload a new one below; keep or upload at least one.
contributions-form-files-more = More evidence (optional; JPEG, PNG or PDF, up to 8 MB each and 10 MB in all at once)
contributions-form-submit = Send

# A firm's or village committee's workbench
my-home-heading = My workbench
my-home-profile = See our organisation's details
my-home-waiting = Waiting for me
my-home-nothing = Nothing is waiting for your organisation right now.
my-home-proposals = Pairing proposals to answer
my-home-disputed = Contributions the village objected to
my-home-to-confirm = Contributions to confirm
my-home-to-sign = Agreements to sign
my-home-due = Agreement milestones due within 30 days
my-home-waiting-other = { $n ->
    [one] One more pairing is waiting for the other side or the office; see{" "}
   *[other] { $n } more pairings are waiting for the other side or the office; see{" "}
}
my-home-waiting-other-end = .
my-home-figures = Our organisation at a glance
my-home-live-offers = Offers live
my-home-live-needs = Needs live
my-home-approved = Pairings approved
my-home-agreements = Agreements in force
my-home-verified = Verified help (amount)

# Work log
my-worklog-back-home = Back to my workbench
my-worklog-back-leaders = Back to the village leadership
my-worklog-heading = Work log
my-worklog-lead-write = The first secretary and village cadres can note here what they did each day, kept for the village's records. Whether and how often to write is up to you; no location is kept and it is not clocking in. The office in charge and auditors can read it.
my-worklog-lead-read = The work log that the village's first secretary and cadres keep if they wish, for the village's records; no location is kept and it is not clocking in. You can only read it here.
my-worklog-day = Date
my-worklog-body = What was done (4–500 characters)
my-worklog-body-hint = e.g. visited 3 monitored households; got a firm to buy the village's winter bamboo shoots. Do not write ID, phone or bank card numbers.
my-worklog-submit = Add to the log
my-worklog-entries = Log
my-worklog-none = No entries yet.

# Stories (the office publishes stories of help)
portal-desk-lead = Published stories appear on the public{" "}
portal-desk-lead-end = {" "}page. Photos are re-encoded, so where and with what device they were taken is not published; do not write anyone's ID number, phone, bank account or health details in the text.
portal-desk-new = Publish a story
portal-desk-title = Title (required, 4–60 characters)
portal-desk-body = Text (required, 20–3000 characters)
portal-desk-photo = Photo (optional, JPEG or PNG, up to 8 MB)
portal-desk-publish = Publish
portal-desk-published = Published
portal-desk-withdraw-reason = Reason for taking it down (required)
portal-desk-withdraw = Take it off the portal
portal-desk-none = No stories published yet.

# Honour roll
portal-index-heading = Hundred Firms Link Hundred Villages: honour roll
portal-index-lead = Progress, results and outstanding examples of firms paired with villages. The figures are counted as on the home page and in the ledgers, all from records the office has verified.
portal-index-of-villages = { $n ->
    [one] {" "}(of 1 village)
   *[other] {" "}(of { $n } villages)
}
portal-index-contributed = { $persons ->
    [one] Verified help, reaching 1 person
   *[other] Verified help, reaching { $persons } people
}
portal-index-definitions = How these are counted: see the home page
portal-index-roll = Pairing honour roll
portal-index-roll-hint = Approved pairings whose agreement was not terminated, with their verified help; pairings whose agreement was terminated are not listed, but their verified help still counts in the figures above.
portal-index-helps = helps
portal-index-disputed = under objection, being checked
portal-index-no-roll = No verified help yet.
portal-index-stories = Stories of help
portal-index-no-stories = The office has not published any stories yet.
portal-index-honours = Commendations and rewards
portal-index-honour-year = { $year }{" "}
portal-index-colon = :{" "}
portal-index-no-honours = No commendations yet.
portal-index-outcomes = All assessment results
portal-index-formula = How the assessment works
portal-index-notices = On public notice now
portal-index-until = on notice until { $date }
portal-index-no-notices = Nothing is on public notice at the moment.
portal-index-all-notices = All public notices

# A story
portal-story-published = published { $date }

# My households (a paired cadre)
cadres-mine-lead = The registered households the office has paired you with (at most { $max } per cadre). Visit them regularly and record each visit and help measure on the household's page. This is not public: only the village, the office in charge, auditors and you can see it.
cadres-mine-head = Head of household
cadres-mine-village = Village
cadres-mine-members = Household size
cadres-mine-since = Paired since
cadres-mine-visits = Visits and measures
cadres-mine-people = { $n ->
    [one] 1 person
   *[other] { $n } people
}
cadres-mine-times = { $n ->
    [one] 1 time
   *[other] { $n } times
}
cadres-mine-last = , last { $date }
cadres-mine-none = You have no paired households at the moment. The office in charge arranges pairings on the village's registered households page.

# A paired household
cadres-show-back-households = Back to registered households
cadres-show-back-mine = Back to my households
cadres-show-back-register = Back to the village's registered households
cadres-show-heading = Paired help
cadres-show-code = {" "}(household no. { $code })
cadres-show-cadre = Paired cadre
cadres-show-paren = {" "}({ $text })
cadres-show-until = to { $date }
cadres-show-visits = Visits and help measures
cadres-show-no-visits = No visits recorded yet.
cadres-show-log = Record a visit or a help measure
cadres-show-date = Date (required)
cadres-show-kind = Kind (required)
cadres-show-visit = Visit
cadres-show-measure = Help measure
cadres-show-measure-kind = Kind of measure (required for a help measure)
cadres-show-choose = Choose
cadres-show-measure-label = { $code ->
    [industry] Industry help
    [employment] Job help
    [training] Skills training
    [consumption] Help through purchases
    [education] Education help
    [health] Health help
    [welfare] Basic welfare
    [other] Other
   *[unknown] { $code }
}
cadres-show-note = What happened (required, 4–300 characters; no ID, phone or bank card numbers)
cadres-show-submit = Record
cadres-show-end = End the pairing
cadres-show-reason = Reason (required)
cadres-show-reason-hint = e.g. the cadre moved to another post, the household moved away. Another cadre can be arranged afterwards.
cadres-show-history = Other pairings of this household
cadres-show-colon = :{" "}

# Village leadership records and history
leaders-show-lead = The village Party secretary, the first secretary and the work team stationed in the village, recorded by the office in charge; those who have left stay in the history. The village's public page shows only the names and units of those in post, never phone numbers.
leaders-show-hours = The village's cadres have had { $n ->
    [one] 1 class hour
   *[other] { $n } class hours
} of training (
leaders-show-hours-end = ).{" "}
leaders-show-worklog-note = {" "}(kept by the village if it wishes).
leaders-show-in-post = In post
leaders-show-term-end = term ends { $date }
leaders-show-training = Training:{" "}
leaders-show-no-training = none yet
leaders-show-leave = Record leaving
leaders-show-leave-date = Date of leaving (required)
leaders-show-leave-reason-hint = e.g. term ended, moved to another post
leaders-show-none = No leadership members in post recorded yet.
leaders-show-new = Record a new member
leaders-show-role = Role (required)
leaders-show-role-label = { $code ->
    [party_secretary] Village Party secretary
    [first_secretary] First secretary
    [work_team] Village work team member
   *[other] { $code }
}
leaders-show-name = Name (required)
leaders-show-name-hint = Name only, no phone number
leaders-show-unit = Sending unit (required for first secretaries and work team members)
leaders-show-unit-hint = e.g. Yichun City Finance Bureau
leaders-show-post = Post in the team (optional)
leaders-show-post-hint = e.g. team leader, member
leaders-show-from = Start date (required)
leaders-show-term = Term ends (optional)
leaders-show-term-hint = A first secretary's term is usually two years
leaders-show-history = History
leaders-show-col-name = Name
leaders-show-col-role = Role
leaders-show-col-unit = Sending unit
leaders-show-col-period = In post
leaders-show-col-reason = Why they left
leaders-show-col-training = Training
leaders-show-no-history = No one has left yet.

# Project assets
assets-list-lead = Assets that industry and infrastructure projects created and handed over to the village collective. Operating assets record their income every year; one handed over a year or more ago with no income this year or last becomes a supervision lead: please check whether it stands idle.{" "}
assets-list-total = Assets in all: { $total }.
assets-list-income-error = The income was not recorded: see the problems marked in the form of{" "}
assets-list-income-error-link = the asset below
assets-list-income-error-end = .
assets-list-handed-over = handed over { $date }
assets-list-idle = Handed over a year or more ago; no income this year or last
assets-list-agreement = Agreement:{" "}
assets-list-incomes = Income:{" "}
assets-list-sep = ;{" "}
assets-list-no-income = none recorded yet
assets-list-year = Year
assets-list-income = Income (yuan, 0 if none)
assets-list-record-income = Record income
assets-list-none-village = No project assets recorded for the village yet; the office in charge records them once a project is handed over.
assets-list-none = No project assets recorded in your area yet.
assets-list-new = Record an asset
assets-list-new-agreement = Agreement that created the asset (required)
assets-list-choose = Choose
assets-list-name = Asset name (required)
assets-list-name-hint = e.g. collective solar plant, cold store, road to the hamlet
assets-list-kind = Kind (required)
assets-list-kind-label = { $code ->
    [operating] Operating asset
    [public] Public-good asset
    [household] Household asset
   *[other] { $code }
}
assets-list-value = Value (yuan, required)
assets-list-handed-over-on = Date handed to the village collective (required)
assets-list-submit = Record the asset

# Cadre training
training-list-lead = Training that counties hold for village Party secretaries, first secretaries and work team members; attendance counts in each cadre's and each village's training record.
training-list-topic = Topic
training-list-county = County
training-list-dates = Dates
training-list-hours = Class hours
training-list-attended = Attended
training-list-people = { $n ->
    [one] 1 person
   *[other] { $n } people
}
training-list-none = No training recorded yet.
training-list-new = Record a training session
training-list-new-county = County whose cadres are trained (required)
training-list-choose = Choose
training-list-new-topic = Topic (required)
training-list-new-topic-hint = e.g. Growing the village collective economy
training-list-new-starts = Start date (required)
training-list-new-ends = End date (leave empty for one day)
training-list-new-hours = Class hours (required)
training-list-new-hours-hint = A whole number, e.g. 8
training-list-new-trainer = Trainer or organiser (required)
training-list-new-place = Place (required)
training-list-submit = Record the training
training-show-all = All training
training-show-trainer = Trainer or organiser
training-show-place = Place
training-show-cadres = Cadres who attended
training-show-left = left their post
training-show-save = Save attendance
training-show-not-started = Attendance can be recorded once the training has started.
training-show-no-cadres = No village leadership is recorded in this county yet: first record it under each village's "Leadership records and history".

# Village collective income
income-mine-heading = Village collective income
income-mine-lead = Report the village's collective income (yuan) once a year; the office verifies it. A village whose yearly income reaches { $threshold } counts towards the plan's villages meeting the collective income target. You can change it until it is verified.
income-mine-year = Year
income-mine-year-n = { $year }
income-mine-amount = Collective income (yuan, required)
income-mine-submit = Report
income-mine-income = Income
income-mine-status = { $code ->
    [reported] Awaiting the office's check
    [verified] Verified
    [returned] Returned for changes
   *[other] Unknown
}
income-mine-colon = :{" "}
income-mine-none = Nothing reported yet.
income-office-lead = The collective income villages report; once verified it counts towards the plan's villages meeting the collective income target (a yearly income of { $threshold }). If in doubt, send it back with the reason; the village committee corrects it and reports again.
income-office-above = meets the target
income-office-returned = Why it was sent back:{" "}
income-office-verify = Verify
income-office-return-reason = Reason for sending back
income-office-return = Send back
income-office-none = No village in your area has reported collective income yet.

# Suggestion cards (on an offer's or a need's page)
partials-match-card-score = Match score { $score }
partials-match-card-why = How it matches:{" "}
partials-match-card-paired = Already paired (
partials-match-card-paired-end = ):{" "}
partials-match-card-propose = Propose a pairing

# Pages of a list
partials-pager-count = { $total ->
    [one] 1 item
   *[other] { $total } items
} · page { $page } of { $pages }
partials-pager-first = First page
partials-pager-last = Last page

# What a pairing decision rests on
partials-pair-facts-heading = What the decision rests on
partials-pair-facts-until = Valid until
partials-pair-facts-no-offer = No particular offer linked.
partials-pair-facts-outside = This offer serves only { $area }; this village is in { $county }, outside it: the firm may accept or decline.
partials-pair-facts-no-need = No particular need linked.
partials-pair-facts-why = Why matched:{" "}
partials-pair-facts-register = The village's poverty register
partials-pair-facts-poor-village = Registered poor village
partials-pair-facts-poor-households = Registered households
partials-pair-facts-poor-population = People in registered households
partials-pair-facts-record = The firm's record of keeping agreements

# Project archive (an agreement's archive page and the archive file in its ZIP)
partials-archive-body-heading = Project archive:{" "}
partials-archive-body-number = Agreement no. { $id }
partials-archive-body-helps = helps
partials-archive-body-generated = generated { $at } (Beijing time)
partials-archive-body-agreement = 1. Agreement
partials-archive-body-period = Term
partials-archive-body-planned = Planned:{" "}
partials-archive-body-milestones = 2. Milestones
partials-archive-body-item = Item
partials-archive-body-due = Due
partials-archive-body-planned-amount = Planned amount
partials-archive-body-progress = Progress
partials-archive-body-no-milestones = No milestones.
partials-archive-body-records = 3. Contributions ({ $n })
partials-archive-body-record-no = No. { $id }
partials-archive-body-dispute = The village committee's objection:{" "}
partials-archive-body-resolution = Outcome:{" "}
partials-archive-body-evidence = Evidence:
partials-archive-body-size = {" "}({ $size }) SHA-256{" "}
partials-archive-body-in-zip = , in the ZIP at { $path }
partials-archive-body-no-records = No contributions yet.
partials-archive-body-notices = 4. Public notices and objections
partials-archive-body-objection = Objection:{" "}
partials-archive-body-no-objections = No objections during the notice period.
partials-archive-body-no-notices = No public notices.
partials-archive-body-findings = 5. Supervision leads
partials-archive-body-no-findings = No supervision leads.
partials-archive-body-trail = 6. Actions taken (audit trail)
partials-archive-body-at = Time
partials-archive-body-who = By
partials-archive-body-what = Action
partials-archive-body-no-trail = No records (agreements imported before the platform opened have none)
