"""Words and phrases the synthetic project generator draws from.

Kept apart from the generator so the generator reads as structure, not as word lists.
The phrases come from how retail, telecom and service teams describe real journeys, so
the generated text has realistic lengths and a realistic mix of plain and quoted YAML.
"""

from __future__ import annotations

#: (stage name, goal), in the order stages happen; a map takes six of them in order.
STAGES = (
    ("Awareness", "Notice that there is a better way"),
    ("Research", "Understand the options without a sales pitch"),
    ("Consideration", "Narrow the choice to two or three candidates"),
    ("Purchase", "Pay quickly and safely"),
    ("Delivery", "Get the order on the promised day"),
    ("Onboarding", "Get value in the first week"),
    ("Everyday use", "Rely on it without thinking"),
    ("Support", "Get a problem solved at the first contact"),
    ("Renewal", "Stay without feeling trapped"),
    ("Advocacy", "Recommend it to friends and colleagues"),
)

JOURNEYS = (
    "Buying a laptop online", "Switching broadband provider", "Opening a current account",
    "Returning a faulty phone", "Booking a family holiday", "Renewing car insurance",
    "Ordering groceries for delivery", "Reporting a lost card", "Moving house with utilities",
    "Upgrading a phone contract in store", "Claiming on travel insurance", "Joining a gym",
    "Buying a sofa with finance", "Subscribing to a meal kit", "Applying for a mortgage",
)  # fmt: skip
SEGMENTS = (
    "first-time buyers", "returning customers", "small businesses", "students",
    "families", "older customers", "commuters", "premium members",
)  # fmt: skip

VERBS = (
    "Searches for", "Compares", "Reads reviews of", "Asks a friend about", "Opens",
    "Checks", "Chooses", "Pays for", "Tracks", "Unpacks", "Sets up", "Contacts support about",
    "Returns", "Recommends", "Rates", "Cancels", "Renews", "Downloads", "Signs up for",
    "Reports a problem with", "Watches a video about", "Calls about", "Books", "Updates",
)  # fmt: skip
OBJECTS = (
    "the laptop", "delivery options", "the warranty", "the loyalty card", "the mobile app",
    "the invoice", "the order", "the subscription", "the store visit", "the chat assistant",
    "the price match", "the returns label", "the installation slot", "the account settings",
    "the welcome pack", "the monthly bill", "the trade-in offer", "the payment plan",
    "the router", "the appointment", "the refund", "the user guide", "the voucher code",
)  # fmt: skip
TOUCHPOINTS = (
    "Product page", "Checkout page", "Store counter", "Call centre", "Order confirmation email",
    "Push notification", "Live chat", "Parcel locker", "Help centre article", "Comparison site",
    "Social media ad", "Mobile app home screen", "SMS reminder", "Courier at the door",
    "Invoice PDF", "Self-service kiosk", "Community forum",
)  # fmt: skip
CHANNELS = ("web", "mobile", "store", "phone", "email", "social", "chat", "sms", "mail")
ACTION_TAILS = (
    "on the phone during the commute", "with two browser tabs open side by side",
    "while waiting in the queue", "after reading the small print twice",
    "with the help of a store colleague", "late in the evening from the sofa",
    "using the saved card from last time", "while on hold with the call centre",
    "by scrolling to the bottom of the page", "and takes a screenshot to compare later",
)  # fmt: skip
THOUGHT_OPENERS = (
    "Why is it asking for", "Is it normal to wait this long for", "Can I trust",
    "Will anyone actually read", "What happens if I cancel", "Did I already pay for",
    "How do other people deal with", "Is there a cheaper way to get",
)  # fmt: skip
FEELINGS = (
    "Curious", "Hopeful", "Confused", "Annoyed", "Relieved", "Anxious", "Delighted",
    "Frustrated", "Confident", "Impatient", "Reassured", "Indifferent",
)  # fmt: skip
PROBLEMS = (
    "hidden until the last step", "rejects spaces and dashes", "times out after five minutes",
    "shows a different price than the advert", "needs the same details typed twice",
    "is only explained in a PDF", "sends three emails that say the same thing",
    "cannot be changed once submitted", "gives no delivery window", "is closed at weekends",
)  # fmt: skip
IMPROVEMENTS = (
    "Show the total cost up front for", "Offer a one-tap option for", "Send one clear update about",
    "Let customers pause", "Pre-fill known details for", "Explain in plain words", "Add live tracking to",
    "Give store colleagues access to",
)  # fmt: skip
BACKSTAGE = (
    "Warehouse system reserves stock", "Payment provider runs a fraud check",
    "CRM creates a case and routes it to tier 1", "Courier API returns an estimated slot",
    "Billing batch runs overnight", "Marketing automation adds the customer to a journey",
    "Store stock is synced every 15 minutes", "Identity check with the credit agency",
)  # fmt: skip
TEAMS = (
    "Web shop team", "Customer service", "Logistics", "Payments squad", "Store operations",
    "Mobile app team", "Billing", "CX research", "Marketing", "Onboarding squad",
)  # fmt: skip
EVIDENCE = (
    "Usability test {n}", "Customer interview {n}", "Call centre logs, week {n}",
    "NPS survey verbatims, wave {n}", "Diary study participant {n}",
    "https://research.example.org/studies/{n}", "https://analytics.example.org/funnels/{n}",
)  # fmt: skip
METRICS = (
    ("Cart abandonment", "%"), ("Net Promoter Score", ""), ("Contact rate", "%"),
    ("Conversion", "%"), ("Return rate", "%"), ("Time to first value", " days"),
    ("First contact resolution", "%"), ("Customer effort score", ""),
)  # fmt: skip
TAGS = (
    "ecommerce", "checkout", "omnichannel", "support", "retention", "onboarding", "mobile",
    "store", "billing", "delivery", "accessibility", "future-state", "b2b", "students",
)  # fmt: skip

FIRST_NAMES = (
    "Sam", "Priya", "Tomasz", "Aisha", "Liam", "Mei", "Jonas", "Fatima", "Diego", "Hannah",
    "Kwame", "Sofia", "Ravi", "Elena", "Noah", "Yuki", "Omar", "Chloe", "Mateo", "Ingrid",
)  # fmt: skip
LAST_NAMES = (
    "Okafor", "Sharma", "Nowak", "Bello", "Murphy", "Chen", "Berg", "Haddad", "Romero",
    "Fischer", "Mensah", "Costa", "Patel", "Ivanova", "Walker", "Tanaka",
)  # fmt: skip
ROLES = (
    "Second-year student on a tight budget", "Small business owner who buys for the team",
    "Parent of three juggling two jobs", "Retired teacher, careful with online payments",
    "IT manager who hates phone queues", "Frequent traveller who lives in the app",
    "Nurse working night shifts", "First-time home buyer",
)  # fmt: skip
QUOTES = (
    "I keep five tabs open before I buy anything.", "Just tell me when it will arrive.",
    "If I have to call, you have already failed.", "I want to see a real person's review.",
    "I'd pay a bit more not to think about it.", "Don't make me type it all again.",
)  # fmt: skip
GOALS = (
    "Stay within budget", "Get it before the weekend", "Avoid calling anyone",
    "Understand the contract", "Feel sure the payment is safe", "Keep the family informed",
    "Set it up without help", "Get a fair price for the old one",
)  # fmt: skip
BEHAVIOURS = (
    "Reads forum reviews", "Shops on the phone", "Visits the store to touch the product",
    "Uses comparison sites", "Asks friends on messaging apps", "Keeps every receipt",
    "Turns off notifications", "Pays with a wallet app",
)  # fmt: skip
