"""The tagger's rules: what phrases signal which data practice and which data type.

Written for this project, after the categories of the OPP-115 annotation scheme (Wilson et
al., 2016). Each rule is a regular expression; the text it matched is the evidence a reader
sees. Patterns are matched case-insensitively on a clause with single spaces.

Why these phrases: OPP-115 annotators label a *segment* with every practice it describes, so a
paragraph that mentions using data for a purpose is `first-party-collection` even without the
word "collect", a cookie-refusal tip is `user-choice`, and introductions, definitions and
"contact us" text are `other`.
"""

CATEGORIES = (
    "first-party-collection", "third-party-sharing", "user-choice", "user-access",
    "data-retention", "data-security", "policy-change", "do-not-track", "specific-audiences", "other",
)

DATA_TYPES = (
    "financial", "health", "contact", "location", "demographic", "identifier", "online-activity",
    "user-profile", "social", "device", "cookies-tracking", "biometric", "children", "communications",
)

_DATA = r"(?:personal |your |such |this |the |any |some |certain |user |customer )*(?:information|data|info|details)"
_PI = r"(?:personal |your |such |this |the |any |certain |users?'? )*(?:information|data)"

# The bare verb of collection: weak as a rule (see below), still a word that makes an edit
# substantive (differ/significance.py).
COLLECT_VERB = r"\b(?:collect(?:s|ed|ing|ion)?|gather(?:s|ed|ing)?)\b"


# States whose residents a US policy addresses apart: "Vermont customers", "residents of Texas".
# Grouped by first letter: a flat alternation of 50 names, tried at every word of every clause,
# cost the tagger 3% of its time.
_STATE_NAMES = (
    "Alabama Alaska Arizona Arkansas Connecticut Delaware Florida Georgia Hawaii Idaho Illinois Indiana Iowa "
    "Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana "
    "Nebraska New_Hampshire New_Jersey New_Mexico New_York North_Carolina North_Dakota Ohio Oklahoma Oregon "
    "Pennsylvania Puerto_Rico Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont Washington "
    "West_Virginia Wisconsin Wyoming").split()
_STATE_NAMES = [n.replace("_", " ") for n in _STATE_NAMES]
_STATES = "|".join(
    f"{first}(?:{'|'.join(n[1:] for n in _STATE_NAMES if n[0] == first)})"
    for first in dict.fromkeys(n[0] for n in _STATE_NAMES))


class Weak(str):
    """A pattern too common to assign a category alone: it needs another rule of that category."""


CATEGORY_RULES: dict[str, list[str]] = {
    "first-party-collection": [
        r"\b(?:we|us|(?:our|this|the) (?:\w+ )?(?:apps?|services?|websites?|web sites?|sites?|games?|servers|systems|software))\b(?: \w+){0,3} (?:collect|collects|gather|gathers|obtain|receive|record|log|process|processes)\b(?! (?:your |the |their |\w+['’]s |\w+['’] )?(?:prior |express )?(?:consent|permission|approval)\b)",
        # Asking for data is collecting it: "we will ask for your credit card number".
        r"\bwe\b(?! (?:will |would |do |shall )?(?:never|not)\b)(?: \w+){0,2} (?:ask|asks|request|requests|require|requires)\b(?: \w+){0,2} (?:you (?:to (?:provide|enter|give|submit)|for)|for your|your)\b|\b(?:information|data|details) (?:that )?(?:we (?:request|require|ask for)|requested)\b",
        # Using contact details to reach the user is a use of them: "we may send you e-mails".
        r"\b(?:we|us)\b(?: \w+){0,3} (?:send|e-?mail)\w* (?:you )?(?:\w+ )?(?:promotional|marketing|newsletters?|e-?mails|offers|updates|notifications|messages|communications|alerts|catalogs?|mailings)\b",
        r"\b(?:we|us)\b(?! (?:will |would |do |shall )?(?:never|not)\b)(?: \w+){0,3} (?:send|e-?mail|contact|call|text) you\b(?! (?:a copy|the (?:requested|information)))",
        # The bare verb is weak: "third-party ad networks may collect", "this policy does not apply
        # to information collected offline", "the collection, use and retention" name someone
        # else's collection, or none. Ours: "we collect" above, or collected from/by/when.
        Weak(COLLECT_VERB),
        r"(?<!consent has been )(?<!consent have been )(?<!consent was )(?<!consent is )\b(?:collected|gathered|obtained|received) (?:by us|from (?:you|users|visitors|customers|our)|through (?:our|the|your|this)|via (?:our|the|this)|on (?:our|this)|when you|automatically|at the time|in connection with|during)\b",
        # Round 10: "Acme will collect, depending on the case, the following personal data:".
        r"\bcollects?\b(?:,? [\w'’]+){0,5},? the following (?:\w+ )?(?:data|information|details)\b",
        # A site as the one that collects: "the Department's website collects no personal information".
        r"\b(?:web ?sites?|site|apps?|services?) (?:also |only |automatically |does not |do not |will not )?(?:collects|gathers|records|logs)\b",
        r"\b(?:reads?|accesses) (?:\w+ )?(?:data|information)\b|\bour (?:\w+ )?(?:apps?|application)\b(?: \w+){0,2} (?:access|accesses|use|uses)\b(?: your)",
        # Not "we use firewalls", "we use third-party vendors": tools of security, recipients.
        r"(?<!services )(?<!tools )(?<!providers )(?<!vendors )(?<!partners )\bwe (?:and our (?:[\w-]+ ){1,4})?(?:may |also |will |might |can )*(?:use|uses|analy[sz]e|combine|link|monitor|keep a record)\b(?! (?:\w+ ){0,2}(?:(?:services|tools|products|software|technolog\w+) (?:provided|offered|operated|supplied|developed) by|firewalls?|encryption|encrypted|ssl|tls|secure|security|safeguards|industry|third[- ]part\w*|vendors|service providers|outside|google analytics|phrases?|terms?|words?|expressions?)\b)",
        # Weak: "opt out of a use of your data", "withdraw consent to the processing of your
        # data" are choices, not descriptions of a use.
        # (The look-behinds come after a first letter is known: tried at every position, they cost.)
        Weak(r"\b(?=[up])(?<!out of )(?<!out of the )(?<!object to )(?<!object to the )(?<!consent to )(?<!consent to the )(?<!restrict )(?<!restrict the )(?<!restriction of )(?<!restriction of the )(?:use|uses|using|process|processing) (?:of )?" + _PI),
        # "Information you provide will be shared", "… in public forums may be read by others":
        # the clause is about the sharing; given "to us", or received by us, it is collection.
        r"\b(?:information|data) (?:that )?(?:you (?:provide|give|submit|enter|upload)\w* (?:to )?us\b|we (?:receive|obtain))",
        Weak(r"\b(?:information|data) (?:that )?you (?:provide|give|submit|enter|upload)"),
        r"\bprovide us with (?:your |any |such |certain |some )?(?:personal )?(?:information|data)\b",
        r"\b(?:when|if|once) you (?:register|sign up|create an account|upload|subscribe|contact us|pay|place an order|make a purchase|apply)",
        # "When you visit our site you may see ads served by third parties": when, not what.
        Weak(r"\b(?:when|if|once) you (?:use our|use the|visit|log in)"),
        Weak(r"\bto (?:provide|improve|personali[sz]e|operate|deliver|develop|customi[sz]e|optimi[sz]e|fulfil+|process|verify|send you|communicate)\b"),
        Weak(r"\b(?:purposes?|legal bas[ie]s|lawful bas[ie]s|legitimate interests?)\b"),
        r"\bwe (?:may )?(?:use|place|set) cookies\b",
        r"\bautomatically (?:collect|record|receive)",
        r"\b(?:you|users) (?:can |may |also )*(?:provide|enter|submit|upload|give) (?:(?:\w+ ){0,3}to )?us\b|\b(?:you|users) (?:can |may |also )*give us\b",
        Weak(r"\b(?:you|users) (?:can |may |also )*(?:provide|enter|submit|upload)\b"),
        Weak(r"\bcookies\b|\bhow you use\b|\bimprov\w+ (?:and \w+ )?our services\b"),
        # A list item that is a purpose of use: "* Provide you with customer support;", "To
        # operate, maintain and provide the Services." (bullets and numbers stripped first).
        r"^(?:[^\w]*(?:\d+[.)]|[a-z][.)])?\s*)?(?:to )?(?:provide|operate|maintain|respond|send|improve|personali[sz]e|customi[sz]e|communicate|manag(?:e|ing)|administer|enable|detect|prevent|verify|analy[sz]e|develop|deliver|fulfil+|comply|process|display|show|recogni[sz]e|reinforce|protect|understand|measure|conduct|offer|allow|facilitate|notify|contact(?! us\b| ?/)|ask|invite|inform|remind|compile)\b",
        # Round 10: the same item after a bullet inside a segment ("… ; ● to compile our reports").
        r"[●•▪◦] (?:to )?(?:provide|operate|maintain|respond|send|improve|personali[sz]e|customi[sz]e|communicate|manag(?:e|ing)|administer|enable|detect|prevent|verify|analy[sz]e|develop|deliver|fulfil+|comply|process|display|show|recogni[sz]e|reinforce|protect|understand|measure|conduct|offer|allow|facilitate|notify|contact(?! us\b| ?/)|ask|invite|inform|remind|compile)\b",
        r"\b(?:is|are) (?:stored|recorded|logged|retrieved|processed|used) (?:in|for|to|from|by us)\b",
        # A use denied is still about use (OPP-115 "does not"): "we do not use your data for …".
        r"\bwe (?:do|will|shall) not (?:\w+ )?use (?:your|any|such|this|the) (?:\w+ )?(?:information|data)\b",
        # Anonymous browsing is a statement of what is (not) collected.
        r"\b(?:browse|visit|use)\b(?: \w+){0,3} without (?:telling us|revealing|providing|giving us|identifying|registering)\b",
        # "It enables us to provide you with relevant offers": what data is used for.
        r"\b(?:enables?|allows?|helps?) (?:us|\w+) to (?:better )?(?:provide|improve|personali[sz]e|offer|send|show|tailor|understand|use)\b",
        # Data handed to us by someone else is collected by us: "our payment processors may
        # provide certain information to us", "partners share data with us".
        r"\b(?:provide|provides|share|shares|send|sends|give|gives|disclose|discloses)\b(?: (?!services?\b)[\w'’]+){0,3} (?:to|with) us\b",
        r"\b(?:provide|provides|send|sends|give|gives) us (?:with )?(?<!not provide us )(?<!not send us )(?<!not give us )(?<!never provide us )(?<!never send us )(?:[\w-]+ ){0,2}(?:information|data|details)\b",
        # The bases and kinds of processing GDPR-era policies state: "this processing is based
        # on our legitimate interest", "automated decision-making", "data relating to purchases".
        # Round 9: the legal basis stated, the contract as a basis (a rule of its own, indexed by
        # its rare words).
        r"\b(?:legal|lawful) bas[ie]s (?:for|of) (?:this |the |such |our |these |that )?(?:processing|use|collection)\b|\b(?:is|are) (?:the |our )?legitimate interests? of\b|\b(?:need to|necessary (?:for|to)) (?:perform|the performance of) (?:the|a|our|any) contract\b",
        r"\b(?:processing|use|collection)(?: of (?:your |this |such |the )?(?:personal )?(?:data|information))? (?:is|are) (?:based on|necessary (?:for|to)|carried out)\b|\bautomated (?:individual )?decision[- ]making\b|\bprofiling\b",
        r"^\W*(?:\w+ ){0,2}(?:data|information) (?:relating|related|relative|pertaining) to\b|\b(?:categories|types|kinds) of (?:\w+ )?(?:information|data)\b(?: \w+){0,2} (?:include|includes|including)\b",
        r"\b(?:obligation|obliged|obligated|required|entitled) to (?:collect|gather|process|record)\b|\b(?:link|connect|sign(?:ing)? in|log(?:ging)? in|register)\w*\b(?: [\w'’]+){0,5} (?:facebook|instagram|google|apple|twitter|spotify|snapchat)\b",
        # A passive collection names no collector: in a policy it is the service's own.
        r"(?<!it )(?<!they )(?<!which )\b(?:is|are|was|were|be|being) (?:\w+ )?(?:collected|gathered|recorded|retrieved)\b(?!(?: and \w+)? (?:by|from) (?:\w+ )?(?:third|other|others|partners|advertisers|these|such|those|google|apple|facebook|them)\b)",
    ],
    "third-party-sharing": [
        r"(?<!which you )(?<!that you )(?<!where you )(?<!users )(?<!local )\b(?:share|shares|shared|sharing)\b(?!(?: (?:of|your|certain|some|personal|information|data|the|any|such|this))* with us\b)(?! (?:your |their )?(?:experiences?|stories|feedback|opinions?|thoughts)\b)(?! (?:\w+ ){0,5}(?:directly )?to your (?:\w+ )?account\b)(?! (?:it |them |this |information |data |(?:your|their) (?:\w+ )?(?:location|information|data|contacts) )?with (?:us|(?:our|the) (?:app|apps|site|website|services?))\b)(?! content| capital)(?! (?:it|them|your passwords?|your (?:login|account|sign-in) \w+) with (?:anyone|others|other people|any(?: other)? (?:person|one))\b)(?! (?:objects?|computers?|devices?|(?:ip|e-?mail) address)\b)(?! (?:its|our) (?:content|posts|offers|news|products|services|stories|vision|values|knowledge|expertise|passion)\b)",
        # Not a disclosure to the user ("the right to request we disclose to you the categories").
        r"(?<!statement )(?<!policy )(?<!notice )(?<!requires us to )(?<!require us to )(?<!specific )(?<!additional )(?<!following )\b(?:disclose[sd]?|disclosing|disclosure|disclosures(?= (?:of|to|made|we|may|will|are|under|required)\b))\b(?! to us\b)(?! below\b)(?!(?: \w+){0,3} to (?:you|users|consumers|the consumer)\b)",
        r"\b(?:we|us) and our (?:\w+ )?(?:partners|affiliates|service providers|vendors|advertisers)\b",
        # A shop's "sale of the year" or a travel site's car rental is not a sale of data: the verb
        # counts when data (or a pronoun for it) follows, alone it is weak.
        r"\b(?:sell|sells|sold|selling|rent|rents|rented|renting|lease|leases|trade|trades|traded|trading|sale|sales)\b(?:,? (?:or |and )?(?:sell|rent|lease|trade|share|disclose|give|transfer)\w*)*(?: [\w'’/-]+){0,4} (?:information|data|lists?|e-?mail address(?:es)?|names|it|them)\b|\b(?:do|does|will|shall|would) (?:not|never) (?:\w+ )?(?:sell|rent|trade)\b(?! (?:products|goods|merchandise|items|tickets|alcohol|tobacco|gift cards|services)\b)|\bsale of (?:your |personal |customer |consumer )*(?:information|data)\b|\b(?:information|data) (?:sales?|selling)\b",
        Weak(r"\b(?:sell|sells|sold|sale|selling|rent|rents|lease|trade)\b"),
        # Not a transfer abroad ("transferred outside the EU": specific-audiences) nor a
        # portability copy "transferred to another provider" at your request.
        r"(?<!third country )\b(?:transfer(?:s|red|ring)?(?! (?:outside|abroad|to,|to (?:another (?:provider|party|entity|controller|company|organi[sz]ation)|other countries|countries|a third country|the united states)))(?! (?:\w+ ){1,3}to another (?:provider|party|entity|controller|company|organi[sz]ation|service)\b)(?! (?:\w+ ){1,3}(?:to|outside) (?:other |another )?(?:countr|the united states|jurisdiction))(?! (?:funds|money|payments?|balances?|points|credits)\b)(?! or assign\w*\b)|pass(?:es|ed)? on|make (?:it |them )?available to|provide (?:it|them|(?:your|such|this|the) \w+(?: \w+)?) to(?! (?:us|you|help|assist|explain|inform)\b))\b",
        Weak(r"\bthird[- ]part(?:y|ies)\b"),
        r"\b(?:third[- ]part(?:y|ies)|partners|advertisers|providers)(?: \w+){0,3} (?:may |can |also )*(?:collect|use|receive|place|set|access|serve)\b",
        # (A rule of its own: the prefilter indexes a rule by its shortest list of required words.)
        r"\b(?:contractors|vendors|agents|sponsors|processors)(?: \w+){0,3} (?:may |can |will |also |only )*(?:collect|use|receive|place|set|access|serve|get)\b",
        # Handed over in the passive: "released only to agencies authorized by law", "disclosed to
        # our auditors" (not "provided to us", nor "disclosed to you" on request).
        r"\b(?:released|disclosed|furnished|transferred|sold|rented|forwarded) (?:only |solely |directly )?to\b(?!,| (?:us|you|the user|other countries|countries|a third country|another country|another (?:provider|controller|service)|the united states)\b)",
        r"\b(?:accessed|used|processed|handled|reviewed) by (?:our |these |such |certain |those )?(?:\w+ )?(?:agents|contractors|vendors|service providers|partners|affiliates|third parties|compan(?:y|ies)|advertisers|networks)\b",
        Weak(r"\b(?:service providers?|processors?|affiliates?|business partners?|advertising partners?|partners|advertisers|vendors|law enforcement|public authorities|government authorities|acquirer|merger|acquisition|credit bureaus?|(?:consumer|credit) reporting agenc(?:y|ies))\b"),
        Weak(r"\b(?:facebook|google|instagram|apple|twitter|spotify)\b"),
        # Round 9: OPP-115's formula for disclosures to protect someone: "to protect the rights,
        # property or safety of …" (weak: a purpose of our own use says it too).
        Weak(r"\brights?,? (?:and |or )?property,? (?:and/or|and|or) (?:personal )?safety\b"),
        Weak(r"\bSDKs?\b|\bsoftware development kits?\b"),
        Weak(r"\b(?:targeted|interest-based|personali[sz]ed|behaviou?ral) (?:advertising|ads)\b|\bsocial media (?:platforms|networks|sites)\b|\bad(?:vertising)? networks\b"),
        r"\b(?:our|with|to|by|the|trusted|external|third[- ]party) (?:\w+ )?(?:service providers?|sub-?contractors?|sub-?processors?|data processors|vendors|affiliates|advertising partners|business partners|marketing partners)\b",
        # Other users and the public are third parties in OPP-115: a profile visible to others.
        r"\b(?:visible|displayed|shown|available|accessible|public)\b(?: [\w'’]+){0,4} (?:to )?(?:other (?:users|members|people)|the public|anyone)\b|\b(?:other (?:users|members)|others|recipients?) (?:can|may|will|cannot|can ?not|can never) (?:\w+ )?(?:see|view)\b|(?<!that is )(?<!which is )\bpublicly (?:visible|available(?! (?:sources|databases|records|information))|accessible)\b",
        # Round 10: "we will stop sending your personal information to the Apple store".
        r"\b(?:send|sends|sending|sent) (?:your |the |such |this |any )?(?:personal )?(?:information|data|details)(?: \w+){0,2} to (?!us\b|you\b|your\b|(?:\w+ )?e-?mail)",
        # Handing data to named kinds of recipients in other words than "share" or "disclose".
        r"\b(?:provide|provides|provided|give|gives|given|furnish\w*|forward\w*|made available|supplied|passed|send|sends|sent)\b(?:,? [\w'’]+){0,6} to (?:(?:our|other|third|these|those|such|the|a|an|selected|trusted|carefully|certain|unaffiliated|nonaffiliated) )+(?:[\w-]+ ){0,2}(?:partners?|compan(?:y|ies)|advertisers|sponsors?|merchants?|vendors|third parties|organi[sz]ations|businesses|entit(?:y|ies)|affiliates|marketers|airlines?|hotels?|suppliers?|carriers?|lenders?|insurers?|agenc(?:y|ies)|bureaus?|manufacturers?|retailers?)\b",
        # Social plug-ins and log-in with a social network: that network collects or receives data.
        r"\bsocial (?:media |network(?:ing)? )?(?:features|plug-?ins?|widgets|buttons|sharing (?:features|tools|buttons))\b|\b(?:like|share|tweet|follow) buttons?\b|\b(?:connect|connects|connected|connecting|link|links|linked|linking|log ?in|logging in|sign ?in|signing in)\b(?: [\w'’]+){0,4} (?:with|to|through|via|using) (?:your )?(?:facebook|twitter|google|linkedin|instagram|apple|amazon)\b",
        r"\b(?:facebook|google|apple|snapchat|instagram|twitter|stripe|paypal|braze|firebase)\b(?: [\w'’]+){0,3} (?:to )?(?:collects?|receives?|uses?|accesses|process(?:es)?|provides?|shares?)\b(?! with us\b)",
        r"\b(?:strictly private|only implicate)\b",
        r"\b(?:displayed|posted|shown|made) public(?:ly)?\b|\bsyndicat\w+ to\b|\bsends? (?:\w+ ){0,3}(?:information|data) directly to\b|\bplug-?ins? (?:from|of|provided by) social\b",
        r"\breport\w*\b(?: \w+){0,3} (?:to|for) (?:our |the |its )?(?:advertisers|sponsors|partners)\b",
        # Companies that act for the site receive what they need: "other companies … on our behalf".
        r"\b(?:compan(?:y|ies)|organi[sz]ations|businesses|agents|contractors|individuals|third parties|vendors|consultants|providers|processors|suppliers)\b(?: [\w'’,]+){0,8} on (?:our|its) behalf\b",
        # Recipients named in GDPR-era lists: group companies, a service "called" or "provided
        # by" a company, "using third-party services", a list item of recipients.
        r"\b(?:group (?:companies|entities|platforms|members)|(?:companies|entities|members) (?:of|in|within) (?:our|the) (?:\w+ )?group|corporate (?:family|group)|sister compan(?:y|ies))\b",
        r"\b(?:us(?:e|es|ing)|rel(?:y|ies) on|engag(?:e|es|ing)|employ|employs|work with) (?:\w+ ){0,2}(?:third[- ]party|external|outside) (?:[\w-]+ )?(?:services?|service providers?|tools?|vendors?|providers?|partners?|compan(?:y|ies)|processors)\b|\b(?:services|tools|providers|vendors|partners|companies|advertisers|suppliers|software) (?:that |which |whom )?we (?:use|work with|engage|rely on)\b",
        r"\b(?:a|the) (?:\w+ )?(?:service|tool|provider|platform|company|vendor) (?:called|named)\b|\b(?:this|that) (?:\w+ )?(?:service|tool|plug-?in|SDK|feature) is (?:provided|operated|offered|run) by\b|\b(?:independent|separate|sole|joint) (?:data )?controllers?\b",
        r"^\W*(?:(?:where required|if applicable|where applicable),? )?(?:to |with )?(?:our |other |third[- ]party |selected |certain |technical |external )?(?:[\w-]+ ){0,3}(?:providers|partners|vendors|processors|advertisers|authorities|affiliates|agencies|suppliers|sub-?contractors|subsidiaries)\b(?! (?:may|can|will|must|shall|are|is|do|does|should)\b)(?=\W*\s+\w)|^\W*[\w /&-]{2,40} (?:services|providers|partners|vendors|processors|companies|networks|authorities|agencies|advertisers)\s*[-–—:|]\s",
        # Recipients named by what they do for the service: "a storage provider", "payment
        # processors", "our marketing and analytics providers", "HAPPN sub-contractors".
        r"\b(?:hosting|storage|cloud|payment|analytics|advertising|marketing|e-?mail|sms|IT|technical|technology|infrastructure|telecommunications?)(?: [\w-]+)? (?:providers?|service providers?|processors?|sub-?contractors?|vendors?|suppliers?|compan(?:y|ies))\b(?!(?: [\w'’]+){0,10} (?:(?:to|with) us|(?:provide|provides|send|sends|give|gives) us)\b)|\bsub-?contractors?\b|\bsub-?processors?\b",
        # The recipients themselves: "categories of recipients", "the following third parties",
        # "the privacy policy of that social network" (not the recipient of a message).
        r"\brecipients?\b(?! of (?:the |your |a |an )?(?:messages?|e-?mails?|newsletters?|texts?|gifts?|payments?|communications?|calls?|chats?)\b)|\bthe following (?:[\w-]+ ){0,2}(?:providers|partners|vendors|processors|third parties|compan(?:y|ies)|sub-?contractors|entities|organi[sz]ations)\b|\bprivacy polic(?:y|ies) of (?:that|the|this|these|such|those|each|their)(?: respective| relevant)? (?:[\w-]+ ){0,2}(?:social networks?|third[- ]part(?:y|ies)|providers?|partners?|compan(?:y|ies)|operators?|platforms?|networks?|advertisers)\b",
        # Handed over in other verbs, active or passive: "may transmit the personal data of its
        # Members", "your data may be provided to partner social networks".
        r"\b(?:transmit|transmits|transmitted|transmitting)\b(?: [\w'’]+){0,5} (?:data|information|details)\b(?!(?: [\w'’]+){0,2} (?:about you|to us|to (?:another|a different|a new|any other) (?:\w+ )?(?:entity|party|controller|provider|company|organi[sz]ation|service))\b)|\b(?:data|information|details)\b(?: [\w'’]+){0,4} (?:provided|communicated|transmitted|made accessible|given) to (?:[\w-]+ ){0,3}(?:partners?|networks?|compan(?:y|ies)|third[- ]part(?:y|ies)|providers?|authorities|affiliates|advertisers|processors|vendors|sub-?contractors|recipients|entities|organi[sz]ations)\b|\bjudicial (?:authorities|requests?)\b|\blegal requests?\b",
        # What other users see: "share content with other users", "display your age to other users".
        r"\b(?:shar\w*|display\w*|show\w*|reveal\w*|viewable|visible)\b(?: [\w'’]+){0,5} (?:with|to) (?:other|another|the other|fellow) (?:users?|members?|people|individuals)\b|\bother (?:users|members|people)\W{0,2} (?:to |may |can |will )?(?:access|see|view|read)\b|\b(?:marked|signal+ed|indicated|labell?ed) as \W?public\b",
        # A third party's own privacy practices: "Adjust's approaches to privacy", "more
        # information on privacy is provided by Stripe".
        r"\bapproach(?:es)? to privacy\b|\bdata handling practices of\b|\binformation (?:on|about) (?:\w+ )?privacy is (?:provided|available)\b",
        # OPP-115 labels a third party's own practices, legal disclosures, business transfers
        # and posting in public areas as third-party-sharing.
        r"\b(?:set|placed|served|stored|hosted|processed|used) (?:\w+ ){0,3}by (?:\w+ )?third[- ]part(?:y|ies)\b(?! (?:websites|sites))",
        r"['’](?<=\w['’])(?<!company['’])(?<!website['’])(?<!site['’])(?<!app['’])(?<!service['’])(?<!platform['’])(?<!group['’])s privacy (?:polic(?:y|ies)|notice|statement)\b|\b(?:their own|third[- ]part(?:y|ies)'?s?|(?:these|such|those) (?:third parties|services|companies)'?) privacy (?:polic(?:y|ies)|rules|practices|notices?|statements?)\b",
        r"\bpublish\w*\b(?: \w+){0,3} (?:aggregated?|anonymi[sz]ed|de-identified|statistics|statistical)\b|\bsubpoenas?\b|\bcourt orders?\b|\blegal process(?:es)?\b|\blawful requests?\b",
        # A record open to the public (a state agency's site): "may be a public record".
        r"\b(?:may be|is|are|become|becomes) (?:a |part of the |considered )?public records?\b|\bpublic records? (?:act|law|requests?)\b",
        r"\bbankruptcy\b|\b(?:acquired by|merged with)\b|\bsale of (?:all|substantially all|some|part|a portion)(?: or \w+)? of (?:our|its|the)(?: \w+)? (?:assets|business|stock)\b",
        r"\b(?:release|releases|released|releasing|reveal|reveals)\b(?: \w+){0,3} (?:information|data|identity|identities|names?|e-?mail address(?:es)?)\b",
        r"\b(?:message boards?|chat rooms?|bulletin boards?|public (?:forums?|areas?|profiles?))\b|\b(?:seen|viewed|read|accessed|collected|used) by (?:others|other (?:users|members|people|visitors)|anyone|the public|third parties)\b",
        r"\bgoogle analytics\b|\bthird[- ]party (?:cookies|pixels|tracking|analytics|advertis\w+|ad servers?)\b|\bad(?:vertising)? (?:networks|servers)\b(?: \w+){0,4} (?:use|collect|place|set|serve)\b",
    ],
    "user-choice": [
        r"\bopt(?:s|ed|ing)?(?:-| )?(?:out|in)\b",
        r"\b(?:set|instruct|configure|adjust|change)\w* (?:your |the )?(?:web )?(?:browser|device)\b|\bif you (?:would )?prefer (?:that we|not|to not)\b",
        r"\b(?:you (?:have|get|are given|will have)|(?:give|gives|offer|offers|provide|provides) (?:you|users|customers|members|visitors)) (?:the|a|an) (?:choice|option|opportunity)\b|\bcheck(?:ing)? (?:the|a|this|that) box\b|\b(?:can|may) you limit\b|\blimit (?:this|our|such) sharing\b",
        r"\bcan be (?:turned|switched) off\b|\bcan be (?:disabled|deactivated|blocked|refused|declined)\b|\b(?:e-?mail|communications?|marketing|privacy|cookie|ad|advertising|mailing) (?:preferences|options)\b",
        r"\b(?:is|are|be) (?:entirely |completely |strictly |always )?(?:voluntary|optional)\b|\bunless you (?:have )?(?:authori[sz]e|consent|agree|allow|permit|opt|ask|tell|request|oppose|object)\w*\b|\b(?:right|option|choice) to (?:limit|opt|object|restrict|refuse|decline|withdraw|stop)\b",
        r"\bunsubscribe\b",
        r"\b(?:withdraw|revoke|give|refuse|deny)(?: \w+){0,2} consent\b",
        # Not an account "used without your permission": that is a security incident.
        r"(?<!used )(?<!accessed )\b(?:with|without) your (?:prior |explicit |express )?(?:consent|permission)\b",
        r"(?<!used without )(?<!accessed without )\byour (?:consent|permission|choices?)\b",
        r"\b(?:you|users|members|customers|the (?:user|member|customer|account holder)) (?:can|may|are able to|have the (?:right|option|choice) to) (?:also |always |at any time )?(?:choose|decide|elect|decline|refuse|object|disable|turn (?:it )?off|block|reject|adjust|change your|control|restrict|limit|manage)",
        r"\b(?:browser|privacy|device|cookie|account|notification|app) settings\b",
        r"\b(?:in|via|through|from|under|using) (?:the |your )?(?:[\"“”']?[\w ]{1,20}[\"“”']? )?[\"“”']?(?:settings|setting|preferences|privacy options)\b|\btoggl\w+\b",
        r"\b(?:you )?(?:should|can|may) (?:choose )?(?:to )?not (?:use|provide|register|log in|sign in)\b",
        r"\bstop using (?:my|your) data\b",
        r"\bturn (?:this|it) off\b",
        r"\b(?:turn (?:this |it )?off|disabl(?:e|es|ing)|block|reject|refuse|decline|deactivat(?:e|ing)|configur(?:e|ing)) (?:\w+ )?(?:cookies|location|tracking|notifications|this|it|access|personali[sz]ed (?:ads|advertising))\b|\breset (?:your |the )?(?:advertising|ad) (?:id|identifier)\b|\blimit ad tracking\b",
        # Declining to give something: "if you choose not to allow access to your location".
        r"\bif you (?:choose|decide|elect|prefer) not to\b|\b(?:choose|decide|elect) not to (?:allow|provide|give|share|grant|enable|receive)\b",
        r"\bif you (?:do not|don't|would prefer not to) (?:want|wish|allow|accept|agree|consent)",
        r"\bright to (?:object|restrict|restriction|withdraw)\b|\b(?:restrict|limit)(?:s|ing)? (?:the |our )?processing\b",
        # Consent as a condition: "platforms require user consent before …", "where the necessary
        # consent has been obtained".
        r"\b(?:user|users'|the necessary|necessary|prior|explicit|express|affirmative|opt-in) consent\b|\bconsent (?:has been|is|was|have been) (?:obtained|given|granted)\b|\b(?:require|requires|obtain|obtains|ask for|asks for|seek|seeks) (?:\w+ )?consent\b",
        # Consent as the choice OPP-115 records: "by using the site you consent to the collection",
        # "you agree to the transfer of your data", "… and, if you agree, special offers".
        r"\byou (?:hereby |expressly )?(?:consent|agree) to (?:the |our |its |this |such |these |that )?(?:\w+ )?(?:collection|use|processing|transfer|sharing|storage|disclosure)\b|\bif you (?:agree|consent|opt in)\b",
        r"\brestriction of\b(?! (?:your |the )?(?:further )?(?:use of (?:the|our|this) (?:\w+ )?(?:app|application|services?|site|platform)|access)\b)",
        # Opt-in put another way, a parent's refusal, and leaving a list: "only after you
        # authorize us", "refuse to permit further collection", "remove you from our mailing list".
        r"\bonly (?:after|if|when|once) you (?:have )?(?:\w+ )?(?:authori[sz]e|consent|agree|allow|permit|opt|choose|ask|request)\w*\b|\brefuse to (?:permit|allow|consent)\b|\b(?:refuse|decline) (?:further |any further )?(?:collection|use|contact)\b",
        r"\bremove (?:you|your (?:name|e-?mail address|address|number)) from (?:our |the |any |all )?(?:\w+ )?(?:mailing|e-?mail|marketing|contact|call|telephone|distribution|shared) lists?\b",
        r"\byou (?:alone )?(?:choose|decide|control|select) (?:which|what|whether|how|who|when)\b",
        # "If you no longer wish to receive", ad-industry opt-out programmes: OPP-115 choices.
        r"\bif you (?:no longer )?(?:prefer|wish|want) (?:not )?to (?:not )?(?:receive|be contacted|participate)\b|\bno longer (?:wish|want) to (?:receive|be contacted)\b",
        r"\bnetwork advertising initiative\b|\bdigital advertising alliance\b|\b(?:ad|advertising) choices\b|\bcontrol (?:how|what|whether|which) (?:\w+ )?(?:information|data|ads|advertis\w+|cookies)\b",
        # Round 8: objection stated as an entitlement, cookies refused in a gerund ("you are
        # entitled to object to the processing", "blocking or deleting cookies may …").
        r"\b(?:entitled|right|free) (?:\w+ ){0,2}to object\b|\bobject to (?:the |our |such |this |any )?(?:processing|use|receiving|direct marketing)\b",
        r"\b(?:blocking|rejecting|refusing|declining|deleting|disabling|removing)(?: or \w+)? (?:\w+ )?cookies\b",
        # Round 9: the right not to be subject to automated decisions ("decisions that produce
        # legal or similarly significant effects", "human intervention").
        r"\blegal or (?:similarly )?significant effects?\b|\bhuman intervention\b|\bnot to be subject to\b",
        Weak(r"\bby (?:using|accessing|visiting) (?:the|our|this)\b"),
        Weak(r"\b(?:choices?|preferences?)\b(?! and interests)"),
    ],
    "user-access": [
        r"(?<!we )(?<!will )(?<!shall )(?<!undertakes to )(?<!undertake to )\b(?:access|review|correct|update|edit|amend|rectify|modify|change|delete|erase|remove)(?:,? (?:or |and )?(?:access|review|correct|update|edit|amend|rectify|modify|change|delete|erase|remove))* (?:your|their|the|any|such|a copy)\b(?: \w+){0,3} (?:information|data|account|profile|details)",
        # Not the service's own deletion ("a process for automatically deleting your account"):
        # that is retention.
        r"(?<!automatically )\b(?:delete|close|deactivate|cancel) your account\b",
        r"\b(?:request|receive|obtain|ask for)(?: \w+){0,3} (?:a copy|access|deletion|erasure|correction|rectification)\b",
        r"\bright(?:s)? (?:to|of) (?:access|know|rectif\w*|erasure|deletion|delete|correct\w*|portability|data portability|be forgotten)\b",
        r"\b(?:data )?portability\b",
        # The user (or a parent) as the one who reviews, edits or deletes: "you can review and
        # update", "Parents can review, delete …", "Members may change …".
        r"\b(?:you|users?|members?|customers?|parents?|guardians?|account holders?)\b(?: \w+){0,2} (?:can|may|are able to|have the (?:right|ability) to)(?: (?:also|easily|always|at any time))? (?:\w+,? (?:or |and )?){0,2}(?:access|review|correct|update|edit|delete|remove|modify|change|view)\b(?! (?:our|the) (?:site|website|services?|app)\b)(?! [\w-]+['’]s\b)",
        r"\b(?:remove|delete|edit)\b(?: \w+){0,3} (?:reviews?|posts?|comments?|content|photos?|submissions?)(?: \w+){0,2} (?:you|you've) (?:have )?(?:posted|submitted|uploaded|shared)\b",
        r"\bright to (?:request|obtain)\b|(?<!until you )\b(?:request|ask) (?:that )?(?:we|us to) (?:delete|remove|correct|update|erase|amend|modify)\b",
        Weak(r"\bverify your identity\b"),
        # Round 10: how a rights request is handled ("we may deny your request", "fail the
        # verification process"): each weak, as an account has a verification process too.
        Weak(r"\bverification process\b"),
        Weak(r"\b(?:deny|decline|reject|process|fulfil+|respond to) your request\b(?! to (?:opt|unsubscribe|stop|withdraw|object|limit|restrict))"),
        r"\ba copy of (?:the |your |all )?(?:\w+ )?(?:data|information)\b|\bsend me my data\b|\bdownload (?:a copy of )?your (?:\w+ )?(?:data|information|records|history|content|archive|grades)\b",
        r"\bcorrect (?:any )?inaccura\w+\b|\b(?:exercise|exercising|assert|asserting) (?:\w+ ){0,4}rights\b|(?<!automatically )(?<!automatic )\bdelet(?:ing|ion of) (?:the|your) account\b",
        r"\byou have the (?:following )?rights?\s*[:;]|\bthe following rights\b",
        # The right to know, item by item: "the categories of personal information we have
        # collected about you" (about you: not a disclosure of what the business collects).
        r"\b(?:specific pieces|categories) of (?:personal )?(?:information|data)\b(?: [\w'’,]+){0,6} (?:collected|disclosed|sold|shared)\b,?(?: [\w'’,]+){0,3} about you\b",
        r"\b(?:change|edit|update|review) (?:this|that|these|such|your) (?:information|data|details|profile)\b|\bcan be (?:changed|edited|updated|corrected|deleted) at any time\b",
        # Round 8 (real rights sections). What the user edits, said of the data: "this
        # information can be modified directly in the app", "to change your first name or age".
        r"(?<!policy )(?<!statement )(?<!notice )(?<!terms )\b(?:can|may) (?:also )?be (?:changed|edited|updated|corrected|deleted|modified|rectified|amended|erased) (?:directly|by you|yourself|at any time|via|through|using)\b",
        r"\b(?:change|edit|update|modify|correct|rectify|amend) your (?:\w+ ){0,2}(?:name|age|gender|e-?mail address|phone number|photos?|birth ?date|date of birth|bio|description)\b",
        # A right listed item by item: "● to access your Personal Data under Article 15",
        # "to rectify (amendments, updates) your data" (not a purpose: no "process", "use").
        r"^\W*(?:\(?[a-z\d]{1,2}[.)]\s*)?to (?:access|rectify|correct|erase|delete|obtain a copy of|receive a copy of)\b(?: (?:to|\(?[\w,]+\)?)){0,3} (?:your|their|the|his|her) (?:\w+ )?(?:data|information)\b",
        # Requests under the privacy laws and their appeal: "California Rights Request", "in
        # response to the appeal", "confirm your identity before we can answer the requests".
        r"\b(?:rights?|consumer|privacy|data subject|access|deletion|erasure) requests?\b|\b(?:an|the|your|to) appeal\b(?! to (?:a |the )?(?:wider|broader|younger|older))|\b(?:confirm|verify) your identity before\b|\bauthori[sz]ed agents?\b",
        # Round 9: a ground of the right to erasure, listed item by item ("your personal data is
        # no longer necessary for the purposes for which it was collected;"): not a retention
        # practice, which says what we do then ("we delete it when it is no longer needed").
        r"^\W*(?:\(?[a-z\d]{1,2}[.)]\s*)?(?:the |your )?(?:personal )?(?:data|information) (?:is|are) no longer (?:necessary|needed|required) for the purposes?\b",
    ],
    "data-retention": [
        # Not "the collection, use and retention of personal information" (a framework's scope).
        r"\bretain(?:s|ed|ing)?\b|(?<!use and )(?<!use, and )(?<!use, )\bretention\b",
        r"\b(?:keep|keeps|store|stores|stored|hold|holds|kept|retains?|maintained|preserved|archived|save|saves)\b(?: [\w'’]+){0,5} (?:for (?:as long as|the (?:period|duration|time|length)|up to|\d+|an?|one|two|three|four|five|six|seven|ten|twelve|eighteen|twenty|thirty|a period|no longer)|as long as|until)\b",
        r"\b(?:must|may|will|need to|needs to|has to) be (?:kept|retained|stored|preserved)\b(?! (?:and \w+ )?(?:in|on|outside|at)\b)|\bup to \d+ (?:days|months|years)\b",
        r"(?<!minutes of )\b(?:inactivity|considered (?:to be )?inactive|inactive (?:accounts?|for))\b|\buntil (?:you|the user|the member|they) (?:delete|close|deactivate)s?\b",
        r"\bwe (?:\w+ )?(?:will |shall |then )?(?:delete|erase|destroy|anonymi[sz]e)s? (?:the|your|such|this|it|them)\b(?: \w+){0,4} (?:immediately|promptly|permanently)\b|\b(?:permanently|irreversibly|definitively|automatically) (?:deleted|destroyed|anonymi[sz]ed|erased|delet(?:es|ing)|eras(?:es|ing))\b|\bat the end of (?:this|that|the|such) (?:\w+ )?period\b",
        r"\bas long as (?:necessary|needed|required|your account|you)\b",
        r"\b(?:delete[sd]?|erase[sd]?|anonymi[sz]e[sd]?|destroy(?:s|ed)?)\b(?: \w+){0,6} (?:after|within|once|when (?:it is|they are|the information is) no longer|when you (?:delete|close|deactivate|terminate|cancel))\b",
        r"\b(?:then|subsequently|afterwards) (?:deleted|erased|destroyed|purged)\b",
        Weak(r"\b(?:\d+|one|two|three|six|twelve) (?:days|months|years)\b"),
        r"\bno longer (?:necessary|needed|required)\b",
        # Kept for one purpose or in anonymous form: "we store it for the sole purpose of …".
        r"\b(?:keep|keeps|store|stores|retain|retains|hold|holds)\b(?: [\w'’]+){0,5},? (?:for the (?:sole|only|limited|exclusive) purpose|in (?:an )?(?:anonymous|anonymi[sz]ed|aggregated?|de-identified) form)\b",
        # Not keeping is a retention practice too ("we do not store full card numbers"), and so
        # are copies that outlive a deletion.
        r"\b(?:not|never) (?:\w+ )?(?:store|stores|stored|keep|keeps|kept|retain|retained|save|saved|hold)\b|\b(?:backup|back-up|residual|archived?) (?:copies|copy|tapes|systems|media|files)\b|\bremain (?:in|on) (?:our )?(?:backups?|archives?|records|systems|servers)\b|\b(?:purged?|purging)\b",
        r"\b(?:storage|retention|limitation) (?:period|limitation)\b",
        # Round 9: a duty to keep, an archive, inactivity: "has the legal obligation to keep",
        # "kept in a separate archive", "the user has not used the application".
        r"\b(?:obligation|obliged|obligated|required|need|needs) to (?:keep|store|retain|preserve|archive)\b(?! (?:\w+ ){0,3}(?:confidential\w*|secure|safe|private)\b)|\b(?:separate|intermediate|secure|dedicated) archives?\b|\b(?:has|have|had) not (?:used|logged in(?:to)?|connected to|accessed) (?:the|your|his|her|their|its) (?:\w+ )?(?:account|application|app|services?)\b",
        # Round 8: "records which are being stored up to 7 calendar days" (no "for").
        r"\b(?:stored|kept|retained|held|saved|archived) (?:for )?(?:up to|a maximum of|at most|no (?:more|longer) than) (?:\d+|one|two|three|six|twelve)\b",
        Weak(r"\b(?:store|stores|stored|keep|kept)\b"),
    ],
    "data-security": [
        Weak(r"\bsecur(?:e|ed|ely|ity)\b"),
        r"\bsecurity (?:measures|practices|procedures|standards|controls|safeguards|technolog\w+|breach\w*|incidents?|of (?:your|the|its|our) (?:\w+ )?(?:information|data))\b|\bsecurely\b|\bsecure (?:servers?|sockets?|environment|storage|connections?|facilit(?:y|ies)|locations?|data cent(?:er|re)s?|systems?)\b|\bindustry[- ]standard\b",
        r"\b(?:keep|kept|maintain|ensure|guarantee|warrant|protect)\b(?: \w+){0,4} (?:secure\b(?! authentication| log-?in| sign-?in)|security of|safety of (?:your |the |such )?(?:personal )?(?:information|data))|\bcannot (?:guarantee|ensure|warrant)\b",
        r"\bprevent (?:\w+ ){0,3}(?:unauthori[sz]ed|other users from) access\w*\b|\b(?:log|sign) (?:out|off)\b|\blocked (?:facilities|cabinets|file cabinets|rooms|offices)\b",
        r"\bencrypt(?:s|ed|ion|ing)?\b|\b(?:ssl|tls)\b|\bhashing\b",
        r"\bsafeguards?\b|\bfirewalls?\b|\b(?:strong|unique|secure|complex) passwords?\b|\bpasswords? (?:regularly|frequently|periodically)\b",
        # Banks' and shops' fraud advice: "we will never ask for your PIN in an e-mail".
        r"\bphishing\b|\bidentity theft\b|\b(?:never|not) (?:\w+ ){0,3}(?:ask|request)\w*(?: \w+){0,3} (?:for )?your (?:\w+ )?(?:password|PIN|account number|card number|security code)\b|\bprotect (?:you|yourself|your accounts?|our customers) (?:against|from) (?:fraud|unauthori[sz]ed)\b",
        r"\bprotect(?:s|ed|ing|ion)? (?:(?:the )?(?:confidentiality|security|integrity) of |against )?" + _DATA,
        r"\bunauthori[sz]ed (?:access|use|disclosure)\b",
        r"\b(?:data )?breach(?:es)?\b(?! of (?:[\w ]{0,20})(?:terms|agreement|contract|representations?|warrant\w*|obligations?|conditions|licen[cs]e|dut(?:y|ies)|this|these|our policies)\b)",
        r"\b(?:technical|organi[sz]ational|physical|administrative|appropriate|reasonable) (?:and \w+ )?(?:measures|safeguards|controls|precautions)\b",
        Weak(r"\baccess controls?\b|\bpasswords?\b"),
        r"\b(?:limit|limits|limiting|limited|restrict|restricts|restricting|restricted)(?: \w+){0,2} access\b(?: \w+){0,5} to (?:employees|those|authori[sz]ed|personnel|staff|people)\b|\bneed to know\b|\bauthori[sz]ed (?:employees|personnel|staff)\b",
        r"\b(?:loss|theft|misuse|alteration|destruction)(?:,| and| or)(?: or| and)? (?:misuse|unauthori[sz]ed|alteration|destruction|theft|loss)\b",
        r"\b(?:reasonable|appropriate|necessary) (?:\w+ )?(?:steps|efforts|precautions)(?: \w+){0,3} to (?:protect|secure|safeguard)\b|\b(?:password|credentials)(?: \w+){0,3} (?:confidential|secret)\b|\bpassword[- ]protected\b|\b(?:two|2|multi)[- ](?:factor|step) (?:authentication|verification)\b",
        # Banks' and shops' account advice and the duties put on recipients are security too.
        r"\b(?:session|sessions) (?:\w+ ){0,3}times? out\b|\b(?:automatic(?:ally)?|time-?out) log(?:ged)?[- ]?(?:off|out)\b|\b(?:account|password|credentials)\b(?: \w+){0,3} compromised\b|\b(?:never|not|don't) (?:share|disclose|give|reveal) your (?:password|PIN|login|user ?name and password)\b",
        r"\b(?:keep|maintain|treat|hold)\w* (?:\w+ ){0,3}(?:information|data) (?:strictly |in )?(?:confidential|confidence|secure)\b|\bconfidentiality (?:agreements?|obligations?)\b|\b(?:employees|staff|personnel)\b(?: \w+){0,3} (?:are |is )?trained\b|\b(?:privacy|security) training\b",
        # Duties put on recipients and misuse of an account: "contractually required to keep it
        # confidential", "if your account has been used without your permission".
        r"\b(?:required|obligated|obliged|bound|agreed?)\sto\s(?:keep|maintain|treat|hold|protect|safeguard)\b(?: [\w'’]+){0,4} (?:confidential\w*|secure|security|private)\b",
        r"\b(?:keep|treat|hold)s? (?:it|them) (?:strictly )?(?:confidential|in confidence|secure)\b",
        r"\b(?:account|password|card)s? (?:has |have |was |were |is |may have )?(?:been )?(?:used|accessed) without your (?:permission|authori[sz]ation|knowledge)\b",
        r"\bno (?:method|transmission|system|website|app|application|service|data transmission|internet)\b(?: \w+){0,8} (?:100%|completely|perfectly|fully|guarantee) secur\w*\b",
    ],
    "policy-change": [
        r"\b(?:change|changes|update|updates|modify|modifies|amend|amends|revise|revises|modification|amendment|revision)s?\b(?: \w+){0,3} (?:to |of )?(?:this|our|the)(?: \w+)? (?:policy|statement|notice)\b",
        r"\b(?:this|our|the)(?: \w+)? (?:policy|statement|notice) (?:may|will|might|can) (?:be )?(?:change|update|modif|amend|revis)\w*",
        r"\b(?:policy|statement|notice) (?:from time to time|periodically)\b",
        r"\b(?:last|latest) (?:updated|revised|modified|revision|update)\b|\beffective (?:date|as of|from)\b",
        r"\brevised (?:privacy )?(?:policy|statement|notice|version)\b|\bchanges (?:will|shall) (?:be|become|take) effective\b|\bupon posting\b|\bmaterial changes?\b|\bchanges? hereto\b|\bamendments? (?:become|take) effective\b",
        r"\b(?:reserve the right to (?:change|modify|update|amend))\b",
        # A new use announced before it starts: OPP-115 files it under policy change.
        r"\b(?:materially different|different manner|(?:unrelated|new|different|incompatible) purposes?\b,?(?: [\w'’]+){0,8},? (?:we will|we'll) (?:first )?(?:notify|inform|tell))",
    ],
    "do-not-track": [
        r"\bdo[- ]not[- ]track\b",
        r"\bDNT\b",
        r"\b(?:tracking|browser) signals?\b",
        r"\bglobal privacy control\b",
    ],
    "specific-audiences": [
        r"\bchild(?:ren|ren's)?\b|\bminors?\b|\bkids\b|\bteen(?:s|agers?)?\b|\bCOPPA\b",
        r"\b(?:under|over|below|above) (?:the age of )?(?:1[0-9]|2[01])\b|\bage (?:1[0-9]|2[01])\b",
        Weak(r"\b(?:parents?|guardians?)\b"),
        r"\bCalifornia\b|\bCCPA\b(?! categor)|\bCPRA\b|\bShine the Light\b",
        # Parents' consent, students' records, frameworks for data from abroad, visitors from
        # other countries: paragraphs about one audience.
        r"\bparental (?:consent|permission|notice)\b|\bFERPA\b|\bsafe harbou?r (?:framework|principles|program)\b|\bprivacy shield\b|\bcountr(?:y|ies) other than\b|\b(?:non-U\.?S\.?|foreign|overseas) (?:users|visitors|residents|customers)\b|\bif you are (?:visiting|accessing|using)(?: \w+){0,3} from\b|\b(?:visiting|accessing)(?: \w+){0,3} from outside\b",
        # Not the law or the representative of a European company ("under EU and UK data
        # protection laws", "our EU Representative"): like the GDPR, the law of every clause.
        r"\b(?:European (?:Union(?<!principles of the European Union)(?<!standards of the European Union)(?<!law of the European Union)(?<!laws of the European Union)|Economic Area)|EEA|EU|UK|United Kingdom|Switzerland|Swiss|Brazil|Canada|Canadian)\b(?!(?: and (?:the )?(?:EU|UK|EEA|Swiss|European \w+))? (?:general data protection |data protection |privacy )?(?:laws?|regulations?|representatives?|GDPR|directive)\b)",
        # The GDPR is the law of the whole policy in a European one: alone it names no audience.
        Weak(r"\bGDPR\b"),
        r"\b(?:aged|age) (?:1[0-9]|2[01])\b|\b(?:1[0-9]|2[01]) (?:years )?(?:or|and) (?:older|over|above)\b|\bat least (?:1[0-9]|2[01])(?: years)?\b",
        Weak(r"\b(?:residents?|consumers|users|citizens) (?:of|in|from|located in|outside)\b"),
        # Round 10: "disclosures relating to … residents of certain countries, regions or states".
        r"\b(?:residents? of|consumers of|users of|citizens of) (?:certain|some|other|different|specific|particular) (?:countries|regions|states|jurisdictions)\b",
        r"\bif you (?:are|live|reside)(?: \w+){0,3} (?:in|outside|resident|located)\b",
        # A bare state name: not the one a company is incorporated or based in ("a Delaware
        # corporation", "Austin, Texas"), nor a state agency's own name ("State of Nevada").
        r"(?<!, )(?<!state of )\b(?:Iowa|Utah|Texas|Connecticut|Oregon|Montana|Delaware|Tennessee|Nevada|Virginia|Colorado)\b(?! (?:corporation|company|limited|LLC|L\.L\.C|Inc|department|courts?|public records)\b)",
        r"\b(?:VCDPA|CPA|CTDPA|TDPSA|UCPA|PIPEDA|LGPD)\b|\bU\.?S\.? states?\b|\bstate residents?\b|\bunder-?age\b|\bstandard contractual clauses\b|\bthird countr(?:y|ies)\b|\b(?:in|to) (?:other|another|different) countr(?:y|ies)\b|\btransferred (?:outside|abroad)\b",
        r"\b(?:1[0-9]|2[01]) years? (?:of age|old)\b|\b(?:younger|older) than (?:1[0-9]|2[01])\b|\bage of (?:majority|consent|digital consent)\b|\b(?:Australia|Japan|Korea|China|India|Singapore|Mexico|Argentina|Israel|South Africa|New Zealand|Hong Kong|Quebec)\b",
        r"\b(?:" + _STATES + r")(?: state)? (?:residents?|customers|consumers|users|members|citizens|law|laws)\b|\b(?:residents?|citizens) of (?:the (?:state|commonwealth) of )?(?:" + _STATES + r")\b",
        r"\b(?:located|residing|resident|living|visitors?|users?) (?:in|within|outside) the United States\b|\b(?:state|country)[- ]specific\b|\bcross[- ]border\b|\boutside (?:of )?(?:the|your) (?:united states|U\.S\.|US|USA|country|EEA|EU|European Union)(?!\w)|\binternational (?:transfers?|users)\b",
    ],
    "other": [
        r"\b(?:this|our|the) (?:online )?(?:privacy )?(?:policy|statement|notice) (?:(?:only|also|does not|doesn't|do not) )?(?:discloses|describes|explains|applies|apply|covers|sets out|governs|informs|is (?:intended|designed|meant)|tells)\b|\b(?:respects?|values?|cares? about|(?:is|are) committed to (?:protecting|respecting)) (?:the |your |users'? )?privacy\b|\bprivacy is important\b|\bthe purpose of (?:this|our|the) (?:\w+ )?(?:policy|statement|notice) is\b|\bprivacy (?:policy|statement|notice|practices)(?: for \w+)? (?:also |only )?apply\w*\b",
        r"\b(?:contact us|get in touch|reach us)\b|\bquestions?(?:,? (?:or |and )?\w+){0,3},? (?:about|regarding|concerning|relating to|related to)\b",
        r"\b(?:data protection officer|DPO|controller)\b",
        r"\b(?:welcome to|thank you for)\b|\bplease (?:read|review)\b(?! (?:it|this (?:\w+ )?(?:policy|page|statement)) (?:frequently|periodically|regularly|often|from time to time))",
        r"\b(?:means|refers to|shall mean|we mean)\b|\bdefinitions?\b|\bhereinafter\b",
        r"\blinks? to (?:other |third[- ]party )?(?:websites|sites|services)\b|\blinked (?:websites|sites)\b|\bnot responsible for\b",
        r"\b(?:terms of (?:use|service)|table of contents)\b|\b(?:agree|consent) to (?:the terms of )?(?:this|our) (?:privacy )?(?:policy|statement)\b|\bgoverned by the laws?\b|\b(?:TRUSTe|privacy seal|Better Business Bureau|BBB)\b|\btoll[- ]free\b|\b1-8\d\d-\d{3}-\d{4}\b|\(\d{3}\) \d{3}-\d{4}",
        r"(?<![\w.+-])[\w.+-]++@[\w-]+\.[\w.]+|\b(?:street|strasse|str\.|suite|p\.?o\.? box)\b",
        # Round 8: a definition of a cookie, a pointer to another document ("to learn more,
        # read our document on …"): `other` when no practice is described beside them.
        r"\bcookies? (?:is|are) (?:a |an )?(?:small |tiny |simple )?(?:piece|pieces|text|data|files?)\b|\bto (?:learn|find out|read) more\b,?(?: [\w'’,]+){0,3} (?:read|see|visit|refer to|consult|review)\b",
        r"\b(?:lodge|make|file|submit) a complaint\b|\bsupervisory authorit(?:y|ies)\b|\bgoverning law\b",
    ],
}

# Categories whose clauses name purposes of their own ("kept as long as necessary for the
# purposes", "partners may use cookies to deliver ads", "service providers that process payments
# on our behalf"): with one of them, first-party-collection needs a strong rule.
PURPOSE_OF_OTHER = ("third-party-sharing", "data-retention", "data-security", "policy-change", "user-access", "specific-audiences")

# Section headings that say which practice the clauses under them describe: a list item
# "Financial information: your bank account number" under "What we collect" is collection.
SECTION_RULES: dict[str, str] = {
    "first-party-collection": r"\b(?:collect\w*|information (?:we|use)|data we|how we use|use of (?:your )?(?:personal )?(?:information|data)|purposes?|cookies|log files|automatically)\b",
    "third-party-sharing": r"\b(?:shar(?:e|ing)|disclos\w+|third[- ]part(?:y|ies)|transfers?|advertis(?:ing|ers)|analytics)\b",
    "user-choice": r"\b(?:choices?|opt[- ]?(?:out|in)|consent|preferences|unsubscrib\w+|control)\b",
    "user-access": r"\b(?:your rights|access(?:ing)? (?:and|your|to (?:and|your))|deletion|rights? to access|correct\w*|delet\w+ your|(?:updat|review|edit)\w* your)\b",
    "data-retention": r"\b(?:retention|retain|how long)\b",
    "data-security": r"\bsecurity\b(?! number)|\b(?:data|information|number) protection\b(?! officer| authorit| rights| laws?| act| regulation)|\b(?:protect\w*|safeguard\w*) (?:of )?(?:your )?(?:personal )?(?:information|data)\b",
    "policy-change": r"\b(?:changes to|updates to|amendments?|changes in|notice of changes|polic(?:y|ies) (?:changes|updates))\b",
    "do-not-track": r"\bdo[- ]not[- ]track\b",
    "specific-audiences": r"\b(?:children|minors|california|european|international|residents)\b",
    "other": r"\b(?:contact us|contact information|introduction|definitions|about us|who we are|how to contact|questions)\b",
}

DATA_TYPE_RULES: dict[str, list[str]] = {
    "financial": [
        r"\bfinancial\b", r"\bbank(?:ing)?(?: account)?(?: number| details| information| data)?\b",
        r"\b(?:credit|debit|payment|bank) cards?(?: number| details)?\b|\bcard numbers?\b",
        r"\bpayment (?:information|details|data|history|method|instruments?)\b",
        r"\bbilling (?:information|details|address)\b", r"\b(?:purchase|transaction|payment) history\b",
        r"\btransactions?\b", r"\bincome\b|\bcredit (?:score|history|report)\b|\btax (?:id|number)\b",
        r"\b(?:mi pay|paypal|apple pay|google pay)\b",
    ],
    "health": [
        r"\bhealth\b", r"\bmedical\b", r"\bfitness\b", r"\bheart rate\b", r"\bdisabilit(?:y|ies)\b",
        r"\b(?:diagnos[ie]s|prescriptions?|HIV|STI|pregnan(?:t|cy)|menstrua\w*)\b", r"\bwell-?being\b",
    ],
    "contact": [
        r"\be-?mail address(?:es)?\b", r"\b(?:tele)?phone numbers?\b|\bmobile (?:phone )?numbers?\b",
        r"\b(?:postal|mailing|home|street|billing) address\b", r"\bcontact (?:information|details|data|info)\b",
    ],
    "location": [
        r"\b(?:geo-?)?locations?\b(?! of (?:our )?servers)", r"\bGPS\b", r"\bgeographic(?:al)?\b",
        r"\b(?:latitude|longitude)\b", r"\bwi-?fi (?:access points|networks?)\b", r"\bcell(?:ular)? towers?\b",
        r"\bwhere you are\b|\bcrossed paths\b",
    ],
    "demographic": [
        r"\b(?:your|their|user's|users') age\b|\bage(?:,| and| or) (?:gender|sex)\b|\bage range\b",
        r"\bdate of birth\b|\bbirth ?(?:date|day)\b", r"\bgender\b|\bsex\b(?!ual)",
        r"\b(?:ethnicity|ethnic origin|race|racial|religio(?:n|us)|nationality|marital status)\b",
        r"\bsexual orientation\b", r"\bdemographic\b", r"\bzip code\b|\bpostcode\b",
    ],
    "identifier": [
        r"\b(?:your |full |first and last |real |legal )name\b|\bname(?:,| and) (?:e-?mail|address|date of birth|phone)\b",
        r"\busernames?\b|\buser ?ids?\b|(?<!bank )\baccount (?:name|id|number)\b|\bmi account\b",
        r"\bpasswords?\b", r"\bIMEI\b|\bIMSI\b|\bMAC address\b|\bserial number\b",
        r"\b(?:device|advertising|unique|persistent|online) (?:identifiers?|IDs?)\b|\bIDFA\b|\bAAID\b",
        r"\b(?:passport|identity card|id card|driver'?s licen[cs]e|social security number|SSN|national id)\b",
        r"\bIP address(?:es)?\b", r"\bidentifiers?\b",
    ],
    "online-activity": [
        r"\bbrowsing (?:history|activity|behaviou?r)\b", r"\bsearch (?:history|queries|terms)\b",
        r"\b(?:pages|content|ads|features|apps?) (?:you|users) (?:visit|view|use|click|interact)",
        r"\busage (?:information|data|details|statistics)\b", r"\bhow you (?:use|interact|navigate)\b",
        r"\b(?:clicks?|clickstream|time spent|access times|login dates|referr(?:ing|er) (?:url|page|website))\b",
        r"\blog (?:files|data|information)\b", r"\binteractions? (?:with|data)\b", r"\bonline activit(?:y|ies)\b",
    ],
    "user-profile": [
        r"\bprofiles?\b", r"\b(?:preferences|interests)\b", r"\b(?:photos?|pictures?|bio|biography)\b",
        r"\baccount (?:information|details|data|settings)\b", r"\bsearch (?:filters|criteria)\b",
    ],
    "social": [
        r"\bsocial (?:information|data|media|networks?|networking|login|accounts?|graph|profiles?)\b",
        r"\b(?:facebook|instagram|twitter|linkedin|tiktok|snapchat|spotify)\b",
        r"\b(?:friends? lists?|followers|connections|contact lists?|address book)\b",
        r"\b(?:the |your )contacts (?:you|on|in|stored|list)\b|\byour contacts\b",
    ],
    "device": [
        r"\bdevices?\b(?! to| fingerprint)", r"\boperating system\b|\bOS version\b", r"\bbrowser (?:type|version|language)\b",
        r"\bhardware\b", r"\bmobile (?:network|carrier)\b", r"\bIP address(?:es)?\b", r"\bscreen resolution\b",
        r"\bIMEI\b|\bMAC address\b", r"\bcomputer information\b",
    ],
    "cookies-tracking": [
        r"\bcookies?\b", r"\bweb beacons?\b|\bpixels?(?: tags?)?\b|\bclear gifs?\b|\bbeacons?\b",
        r"\btracking (?:technolog(?:y|ies)|tools?|pixels?)\b", r"\blocal storage\b|\bSDKs?\b",
        r"\b(?:device |browser )?fingerprinting\b", r"\bsimilar technologies\b",
    ],
    "biometric": [
        r"\bbiometrics?\b", r"\bfingerprints?\b(?!ing)", r"\bface (?:recognition|id|scans?|geometry|prints?)\b",
        r"\bfacial\b", r"\b(?:voice ?prints?|iris|retina)\b",
    ],
    "children": [
        r"\bchild(?:ren|ren's)?\b|\bkids\b|\bminors?\b|\bCOPPA\b|\bteen(?:s|agers?)?\b",
        r"\bunder (?:the age of )?1[0-8]\b",
    ],
    "communications": [
        r"\b(?:messages?|chats?|messaging|conversations?)\b", r"\bcommunications?\b(?! preferences)",
        r"\b(?:call logs?|call history|SMS|text messages|voice (?:recordings|messages|calls)|voicemail)\b",
        r"\bcorrespondence\b", r"\bcontent of (?:your )?e-?mails\b",
    ],
}

# Practice verbs: a negation in front of one of them makes the clause negated.
_PRACTICE = (
    r"(?:sell|share|rent|lease|trade|disclose|release|reveal|transfer|transmit|give|provide|pass|collect|gather|store|"
    r"retain|keep|use|process|track|monitor|access|combine|allow|permit|send|request|ask|knowingly|intentionally|"
    r"be (?:sold|shared|disclosed|rented|used|transferred|transmitted|collected)|sold|shared|disclosed|rented|used|collected)"
)
NEGATION_RULES = [
    r"\b(?:do|does|did|will|shall|would|can|may|should)(?: not|n['’]t)(?: \w+ly)?(?: \w+)? " + _PRACTICE + r"\w*\b",
    r"\b(?:never|no longer)(?: \w+){0,2} " + _PRACTICE + r"\w*\b",
    r"\b(?:is|are|will be|shall be|be) (?:not|never) (?:\w+ly )?(?:sold|shared|disclosed|rented|traded|transferred|transmitted|collected|used|stored|retained|tracked)\b",
    r"\bnot (?:sell|share|rent|disclose|collect|track)\b",
]

# Change-level vocabularies (meaning.py).
CONSENT_RULES = [
    r"\b(?:with|upon|after obtaining|subject to) your (?:prior |explicit |express |affirmative )?(?:consent|permission|authori[sz]ation)\b",
    r"\b(?:ask|asks|obtain|obtains|seek|request) (?:for )?your (?:prior |explicit |express )?(?:consent|permission)\b",
    r"\bonly (?:if|when|with) you (?:consent|agree|allow)\b", r"\bopt[- ]?in\b",
]
NOTICE_RULES = [
    r"\b(?:notify|inform|tell|alert) you\b", r"\b(?:prior|advance|reasonable) notice\b", r"\bwith notice\b",
]
WITHOUT_CONSENT_RULES = [
    r"\b(?P<verb>disclose|share|transfer|sell|provide|give|use|process|collect)\w*\b[^.;]{0,120}?\bwithout (?:your |the user's |prior |explicit |express )*(?:consent|permission|authori[sz]ation|notice|notifying you)\b",
    r"\bwithout (?:your |prior |explicit )*(?:consent|permission)\b[^.;]{0,60}?\b(?P<verb>disclose|share|transfer|sell|provide|use|process|collect)\w*\b",
]
SALE_RULES = [r"\b(?:sell|sells|selling|sale of|rent|rents|renting|trade|trades)\b(?: \w+){0,3} (?:your |personal |user )*(?:information|data)\b"]
RECIPIENTS = {
    "advertisers": r"\badvertis(?:ers|ing partners|ing networks|ing companies)\b",
    "marketing partners": r"\bmarketing partners\b",
    "data brokers": r"\bdata brokers\b",
    "affiliates": r"\baffiliate(?:s|d companies)\b|\bcorporate family\b|\bgroup companies\b",
    "service providers": r"\bservice providers\b|\bprocessors\b|\bvendors\b|\bcontractors\b",
    "business partners": r"\bbusiness partners\b|\bpartners\b",
    "law enforcement": r"\blaw enforcement\b|\bpolice\b|\bcourts?\b|\bgovernment(?:al)? (?:authorities|agencies)\b|\bpublic authorities\b",
    "social networks": r"\bsocial (?:networks|media (?:platforms|companies))\b|\bfacebook\b",
    "analytics providers": r"\banalytics (?:providers|partners|companies|services)\b",
    "insurers": r"\binsur(?:ers|ance companies)\b",
    "employers": r"\byour employer\b",
    "buyers in a merger": r"\b(?:merger|acquisition|acquirer|sale of (?:all|some|our) (?:or \w+ )?(?:assets|business))\b",
}
PURPOSES = {
    "advertising": r"\b(?:targeted |personali[sz]ed |interest-based |behaviou?ral )?advertis(?:ing|ements)\b|\bads\b",
    "marketing": r"\bmarketing\b|\bpromotions?al?\b",
    "profiling": r"\bprofiling\b|\binferences?\b",
    "training AI models": r"\b(?:train(?:ing)?|improv\w+)(?: \w+){0,3} (?:artificial intelligence|AI|machine learning|models?|algorithms)\b",
    "research": r"\bresearch\b|\bstudies\b",
    "analytics": r"\banalytics\b|\bstatistic(?:s|al)\b",
    "credit decisions": r"\bcredit (?:scoring|decisions|worthiness|assessments?)\b",
    "law enforcement requests": r"\blaw enforcement\b",
}

# A postal or e-mail address given as contact details: names "contact" data but is `other`.
ADDRESS = r"[\w.+-]+@[\w-]+\.[\w.]+|\baddress ?:|\b(?:floor|street|road|avenue|rue|quay|suite)\b|\b\d{4,5} [A-Z][a-z]+\b"

# Round 9: a place name inside a postal address ("1601 S. California Ave, Palo Alto, CA 94304",
# "20 Primrose Street, London, United Kingdom, EC2A 2RS", "our UK Representative … registered
# address"): where a company is, not whom a clause addresses. When the audiences' evidence is
# only such names and the clause gives an address, it is no audience (tags.py).
PLACE_NAME = (r"^(?:california|european (?:union|economic area)|eea|eu|uk|united kingdom|switzerland|swiss|"
              r"brazil|canada|canadian|australia|japan|korea|china|india|singapore|mexico|argentina|israel|"
              r"south africa|new zealand|hong kong|quebec|iowa|utah|texas|connecticut|oregon|montana|delaware|"
              r"tennessee|nevada|virginia|colorado)$")
POSTAL_ADDRESS = (r"\b(?:floor|street|road|avenue|rue|quay|suite|ave|blvd|boulevard|parkway|tower|house|lane)\b|\bregistered (?:address|office)\b"
                  r"|\b[A-Z]{2} \d{5}\b|\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b|\bby (?:post|mail) at\b")

# The words of terms of service (fees, the agreement, the app stores): a clause with them that
# names kinds of data ("these messages are private", "payment is processed by the App Store")
# is a term of the service, not a list of what is collected (tags.py).
TERMS_WORDS = r"\b(?:(?<!search )terms|agreement|GCU|binding|refund\w*|fees|taxes|payable|prices?|commercial use|liab(?:le|ility)|warrant(?:y|ies)|(?:app|play) store|licen[cs]e)\b"

# Introductions and contact details: `other` even when they name practices in passing.
# "Contact us" inside a paragraph about a practice ("to opt out, contact us") is how to exercise
# it, not contact details: only questions about the policy stay `other` beside a practice.
STRONG_OTHER = [CATEGORY_RULES["other"][i] for i in (0, 3)] + [r"\bquestions?(?:,? (?:or |and )?\w+){0,3},? (?:about|regarding|concerning|relating to|related to) (?:this|our|the) (?:privacy )?(?:policy|statement|notice|privacy practices)\b"]

# "We do not knowingly collect …": how a children's paragraph states its rule (tags.py).
NOT_KNOWINGLY = r"\b(?:not|never) (?:knowingly|intentionally|deliberately|purposely)\b"

# What an introduction says the policy is about ("this policy explains what information we gather
# and how we use and share it"): topics named, not practices described. Masked in a clause that
# is an introduction (STRONG_OTHER) before the category rules read it.
_TOPIC_VERBS = r"(?:collect|gather|use|usi|shar|disclos|protect|process|obtain|receiv|stor|retain|safeguard|handl|treat)"
INTRO_TOPIC = (r"\b(?:what|how|why|when|which|who|whom|the ways?|the (?:types?|kinds?|categories) of)\b(?: [\w'’]+){0,5}? " + _TOPIC_VERBS
               + r"\w*(?:(?:,| and| or)+ " + _TOPIC_VERBS + r"\w*)*")

# Round 9: the right to know, as the rights paragraphs of the US state laws word it. A right to
# request "that we disclose … how we have collected, used and shared your personal information"
# names topics, like an introduction (INTRO_TOPIC is masked); an item of what may be requested
# ("the categories of personal information that we have disclosed to third parties", "the
# business or commercial purpose for collecting, selling or sharing") is user access too,
# besides the disclosure it names (tags.py).
RIGHT_TO_KNOW = (r"\bright to (?:request|know|obtain)\b(?: [\w'’,]+){0,8} (?:disclose|disclosure|explain|information about)\b"
                 r"|\brequest (?:that )?(?:we|us to) disclose\b")
KNOW_ITEM = (r"^\W*(?:\(?[a-z\d]{1,2}[.)]\s*)?(?:the )?(?:categories of sources (?:from )?(?:which|whom)\b|(?:specific pieces|categories) of (?:personal )?(?:information|data|third parties|recipients)\b"
             r"[^.;:]{0,80}?\b(?:(?:we|it|they) (?:have|has) (?:collected|disclosed|sold|shared)|(?:was|were|has been|have been) (?:collected|disclosed|sold|shared)|to whom (?:[\w'’]+ ){1,4}(?:was|were|has been|have been) (?:disclosed|sold|shared))"
             r"|business or commercial purpose(?:s|\(s\))? for (?:collecting|selling|sharing|disclosing))")

# Round 9: a right of access, erasure or portability stated with its conditions ("where the
# processing is based on your consent or a contract", "if you withdraw consent"): the
# conditions name no choice, collection or retention of their own (tags.py). A right
# (user-access evidence with "right" or a ground of erasure, or a right about automated
# decisions), and the choice, collection or retention found only in these words.
CONDITION_OF_RIGHT = {"user-choice": r"^(?:\w+ )*consent$",
                      "data-retention": r"^no longer (?:necessary|needed|required)$",
                      "first-party-collection": r"process|legal basis|lawful basis|purposes?|based on|necessary|we hold|automated|profiling"}
# The rights about automated decisions, which name the processing they limit, and (round 10)
# the right to object, stated with its ground ("based on legitimate interest").
RIGHT_ON_AUTOMATED = r"significant effect|human intervention|not to be subject|right to object"

# Round 10: a segment that deletes data when the user deletes the account ("We delete this data
# when you delete your account", "upon … (deletion of your account)") is about retention: the
# account's deletion is when, not a right of access (tags.py, beside a retention hit).
ACCOUNT_DELETION = r"^(?:delete|close|deactivate|cancel) your account$|^delet(?:ing|ion of) (?:the|your) account$"
ACCOUNT_DELETION_WHEN = (r"\b(?:when|once|after|until|upon|following) (?:you |the user |a user )?(?:delete|close|deactivate|cancel|the deletion of|deletion of)"
                         r" your (?:\w+ )?account\b|\(delet(?:ion of|e) your account\)")
# Round 10: a definition of a feature ("Video Call: feature offered to Members …", "Like: An
# action represented by a heart"), as in a policy's definitions section: `other`, not a list of
# what is collected, whatever data it names.
DEFINED_FEATURE = (r"^\W*[A-Z][^:.]{0,40}: (?:an? |the )?(?:[\w-]+ )?(?:function|feature|action|option|tool|"
                   r"functionality|button|icon)s?\b")

# "This policy does not apply to information you give us by phone": a statement of scope. A short
# clause that says what the policy leaves out is `other`, whatever practice it names.
OUT_OF_SCOPE = r"\b(?:this|our|the) (?:online )?(?:privacy )?(?:policy|statement|notice) (?:only )?(?:does not|doesn['’]t|do not|will not|no longer) (?:apply|applies|describe|cover|govern|address)\b"

# The third parties' tracking that a Do-Not-Track paragraph also discloses (California's CalOPPA
# asks for both): "third parties may collect information about your online activities over time".
THIRD_PARTY_TRACKING = r"\b(?:third[- ]part(?:y|ies)|advertisers|ad networks|other (?:companies|websites|sites))\b(?:,? [\w'’-]+){0,6},? (?:may |can |do |also )*(?:collect|track|keep track|gather)"
