//! The built-in exercises themselves: each one's task, hints, concept cards, starting
//! design (a file under `lessons/`) and goal. How an answer or a design is graded is
//! in the parent module.

use super::terms::{Asks, Condition, Exercise, Goal, LinkRef};
use crate::analysis::facts::{Attr, Value};
use crate::analysis::{Events, Pattern, Severity};
use crate::fact_date;
use crate::model::{AuthFlow, Latency, Protocol, Trigger};
use crate::standards::USERNAME_PASSWORD_RETIREMENT;
use const_format::concatcp;

const PORTAL: LinkRef = LinkRef {
    from: "Customer portal",
    to: "Salesforce",
};
const SPA: LinkRef = LinkRef {
    from: "Field sales app",
    to: "Salesforce",
};
const TV: LinkRef = LinkRef {
    from: "Showroom TV",
    to: "Salesforce",
};
const JOB: LinkRef = LinkRef {
    from: "Salesforce",
    to: "Invoice export job",
};
const CABINET: LinkRef = LinkRef {
    from: "Cabinet sensor",
    to: "Salesforce",
};
const TECHNICIAN: LinkRef = LinkRef {
    from: "Technician app",
    to: "Salesforce",
};
const SCORING: LinkRef = LinkRef {
    from: "Salesforce",
    to: "Scoring ERP",
};
const CATALOGUE: LinkRef = LinkRef {
    from: "ERP",
    to: "Salesforce",
};
const BILLING: LinkRef = LinkRef {
    from: "Salesforce",
    to: "Billing",
};
const PAYMENT: LinkRef = LinkRef {
    from: "Payment provider",
    to: "Salesforce",
};
const REFUNDS: LinkRef = LinkRef {
    from: "Salesforce",
    to: "Bank gateway",
};

const CASES: LinkRef = LinkRef {
    from: "Intranet",
    to: "Salesforce",
};
const PRICE_LOAD: LinkRef = LinkRef {
    from: "Integration platform",
    to: "Salesforce",
};
const BOOKING_DIRECT: LinkRef = LinkRef {
    from: "Booking app",
    to: "Salesforce",
};
const BOOKING_BACKEND: LinkRef = LinkRef {
    from: "Booking backend",
    to: "Salesforce",
};
const READINGS: LinkRef = LinkRef {
    from: "Patient app",
    to: "Salesforce",
};
const CAMPAIGN: LinkRef = LinkRef {
    from: "Salesforce",
    to: "Campaign SaaS",
};
const PAYROLL_DIRECT: LinkRef = LinkRef {
    from: "Payroll",
    to: "Salesforce",
};
const PAYROLL_DROP: LinkRef = LinkRef {
    from: "Payroll",
    to: "Integration hub",
};
const HUB_LOAD: LinkRef = LinkRef {
    from: "Integration hub",
    to: "Salesforce",
};

const FLOWS: &[&str] = &[
    "web-server",
    "web-server-pkce",
    "user-agent",
    "jwt-bearer",
    "device",
    "username-password",
    "asset-token",
];

macro_rules! lesson {
    ($file:literal) => {
        include_str!(concat!("../../../lessons/", $file, ".patchbay.ron"))
    };
}

/// Every exercise, in the order the Learn menu lists them.
pub static ALL: &[Exercise] = &[
    Exercise {
        id: "web-app-flow",
        title: "A portal with its own server",
        task: "Customers sign in to the portal, and the portal's server reads their cases from Salesforce as that customer. Which OAuth flow should the portal use to get its token?",
        hints: &[
            "Two questions decide most flows: is a person signing in, and can the caller keep a secret?",
            "The portal has a server of its own, so a secret can stay there, out of the browser.",
        ],
        concepts: &["web-server-flow", "oauth", "pkce", "rfc-9700"],
        design: lesson!("web-app-flow"),
        goal: Goal::Choose {
            asks: Asks::Auth(PORTAL),
            options: FLOWS,
        },
    },
    Exercise {
        id: "spa-pkce",
        title: "Retire the implicit flow",
        task: "The field sales app runs entirely in the browser and still gets its token with the user-agent (implicit) flow, which leaves the token where any script on the page can read it. Change what the link uses today so that no high finding remains and the app uses the flow Patchbay recommends for it.",
        hints: &[
            "Select the link and read the AUTH-002 finding and the auth recommendation.",
            "A browser app cannot keep a client secret; PKCE protects the code exchange instead.",
            "Set the link's \"Auth today\" to the recommended flow.",
        ],
        concepts: &["user-agent-flow", "pkce", "oauth-2-1"],
        design: lesson!("spa-pkce"),
        goal: Goal::Design(&[
            Condition::AuthInUse(SPA, &[AuthFlow::WebServerPkce]),
            Condition::NoRule("AUTH-002"),
        ]),
    },
    Exercise {
        id: "smart-tv",
        title: "A screen without a keyboard",
        task: "A smart TV in the showroom shows the signed-in store manager's targets. It has a remote control and no browser. Which OAuth flow fits it?",
        hints: &[
            "A person is involved, so a server-to-server flow is out.",
            "Where would the manager type a password on this device?",
        ],
        concepts: &["device-flow", "oauth"],
        design: lesson!("smart-tv"),
        goal: Goal::Choose {
            asks: Asks::Auth(TV),
            options: FLOWS,
        },
    },
    Exercise {
        id: "nightly-job",
        title: "A job that stores a password",
        task: "The nightly invoice export signs in to Salesforce with a user name, password and security token from its configuration file. Make the design production-worthy: no high findings, and the job using the flow recommended for it.",
        hints: &[
            "Read the AUTH-001 finding: why is a stored password a problem?",
            "No person is present when the job runs. Which flow is made for servers?",
            "Set the link's \"Auth today\" to jwt-bearer.",
        ],
        concepts: &["username-password", "jwt-bearer"],
        design: lesson!("nightly-job"),
        goal: Goal::Design(&[
            Condition::AuthInUse(JOB, &[AuthFlow::JwtBearer]),
            Condition::NoFindings(Severity::High),
        ]),
    },
    Exercise {
        id: "connected-devices",
        title: "Devices registered as assets",
        task: "Refrigerated cabinets report their temperature to Salesforce; each is registered as an asset and nobody stands at it. Which OAuth flow should a cabinet use?",
        hints: &[
            "No person is present, and the device is known to Salesforce individually.",
            "Which flow ties the token to one device record?",
        ],
        concepts: &["asset-token", "jwt-bearer"],
        design: lesson!("connected-devices"),
        goal: Goal::Choose {
            asks: Asks::Auth(CABINET),
            options: FLOWS,
        },
    },
    Exercise {
        id: "mobile-pkce",
        title: "PKCE or implicit on a phone",
        task: "Technicians close work orders in a store-installed mobile app. Anything built into the app can be read by whoever holds the phone. Which OAuth flow should it use?",
        hints: &[
            "Can an app installed on thousands of phones keep a client secret?",
            "The implicit flow hands the token over in a redirect; current guidance says not to use it.",
        ],
        concepts: &["pkce", "user-agent-flow"],
        design: lesson!("mobile-pkce"),
        goal: Goal::Choose {
            asks: Asks::Auth(TECHNICIAN),
            options: FLOWS,
        },
    },
    Exercise {
        id: "sync-ceiling",
        title: "Three minutes is too long to wait",
        task: "Salesforce asks the scoring engine for a credit decision and waits; scoring takes about three minutes and cannot be made faster. Patchbay already advises fire-and-forget with a callback, but the link is still drawn as a call that waits, so PAT-001 fires. Change the design so that Salesforce no longer waits on the line, while the advice stays fire-and-forget.",
        hints: &[
            "How long may a synchronous callout from Salesforce take?",
            "Pretending the work is faster hides the problem; it does not solve it.",
            "If the rep does not wait, the decision can come back later by callback.",
            "A callback is a link of its own: draw it from the scoring engine back into Salesforce.",
        ],
        concepts: &["request-reply", "fire-and-forget"],
        design: lesson!("sync-ceiling"),
        goal: Goal::Design(&[
            Condition::Pattern(SCORING, Pattern::FireAndForget),
            Condition::NoRule("PAT-001"),
            Condition::TakesAtLeast(SCORING, 120.0),
            Condition::Linked(
                LinkRef {
                    from: "Scoring ERP",
                    to: "Salesforce",
                },
                "it is how the answer comes back",
            ),
        ]),
    },
    Exercise {
        id: "bulk-threshold",
        title: "Fifty thousand records a night",
        task: "The whole catalogue of 50,000 products goes to Salesforce once a night, but the link is described as a trickle of record changes that must arrive at once. Describe it as it really runs, so that Patchbay recommends a bulk load.",
        hints: &[
            "Open \"What if (Pattern)\" for this link: which inputs lead to batch-data-sync?",
            "What starts the transfer, and how soon must the data arrive?",
            "A run started by the clock whose data is wanted by the next morning: describe both.",
        ],
        concepts: &["batch-data-sync", "remote-call-in"],
        design: lesson!("bulk-threshold"),
        goal: Goal::Design(&[
            Condition::Pattern(CATALOGUE, Pattern::BatchDataSync),
            Condition::Input(CATALOGUE, Attr::Trigger, Value::Trigger(Trigger::Schedule)),
            Condition::Input(CATALOGUE, Attr::Latency, Value::Latency(Latency::Batch)),
        ]),
    },
    Exercise {
        id: "cdc-or-events",
        title: "Record changes out of Salesforce",
        task: "Every new or changed account must reach the billing system within a minute. Which event mechanism should carry the changes?",
        hints: &[
            "Is this a custom business event, or the change of a record?",
            "One mechanism needs no publishing code at all.",
        ],
        concepts: &["change-data-capture", "platform-events"],
        design: lesson!("cdc-or-events"),
        goal: Goal::Choose {
            asks: Asks::Events(BILLING),
            options: &["platform-events", "change-data-capture", "none"],
        },
    },
    Exercise {
        id: "replay-window",
        title: "Away for a weekend",
        task: "The billing system subscribes to account changes and must not miss one, but it is switched off over some weekends. For how many hours at most can it be away and still catch up by replaying the events it missed?",
        hints: &[
            "First work out which event mechanism carries record changes out of Salesforce.",
            "Salesforce keeps events for a while so a subscriber can replay them; how long depends on the mechanism and its volume class.",
        ],
        concepts: &["change-data-capture", "platform-events"],
        design: lesson!("replay-window"),
        goal: Goal::Choose {
            asks: Asks::Retention(LinkRef {
                from: "Salesforce",
                to: "Billing",
            }),
            options: &["12", "24", "72", "168"],
        },
    },
    Exercise {
        id: "publish-from-outside",
        title: "An event from outside",
        task: "Several processes in Salesforce must react to each payment the provider confirms, so the provider should announce it as an event rather than call one API. Change the link so that Patchbay recommends an event channel the provider can publish to.",
        hints: &[
            "Can change data capture be published from outside Salesforce?",
            "Look at the link's checkboxes: one says who publishes the events.",
        ],
        concepts: &["platform-events", "change-data-capture"],
        design: lesson!("publish-from-outside"),
        goal: Goal::Design(&[
            Condition::Events(PAYMENT, Events::PlatformEvents),
            Condition::Input(PAYMENT, Attr::ExternalPublish, Value::Bool(true)),
        ]),
    },
    Exercise {
        id: "mtls-gateway",
        title: "A gateway that wants a certificate",
        task: "The bank's gateway accepts connections only from clients that present a registered certificate. Record that fact in the design so that Patchbay recommends mutual TLS for the refunds link.",
        hints: &[
            "The requirement belongs to the bank's system, not to the link.",
            "Select the bank gateway and look at its capabilities.",
        ],
        concepts: &["mtls", "tls", "certificate-bound-tokens"],
        design: lesson!("mtls-gateway"),
        goal: Goal::Design(&[
            Condition::Mtls(REFUNDS, true),
            Condition::Input(REFUNDS, Attr::ToRequiresMtls, Value::Bool(true)),
        ]),
    },
    Exercise {
        id: "mesh-count",
        title: "Counting connections",
        task: "Five systems exchange data over six direct links. If every system had to reach every other one directly, how many point-to-point connections would there be?",
        hints: &[
            "Each of the n systems connects to n - 1 others, and each connection joins two systems.",
            "Compare with a hub: one connection per system.",
        ],
        concepts: &["point-to-point", "esb"],
        design: lesson!("mesh-count"),
        goal: Goal::Choose {
            asks: Asks::FullMesh,
            options: &["5", "6", "10", "20", "25"],
        },
    },
    Exercise {
        id: "introduce-bus",
        title: "Put a bus in the middle",
        task: "Six systems talk over eleven direct links in four protocol families, and audit wants one place that logs every exchange. Route every exchange through one middleware system.",
        hints: &[
            "With nothing selected, the design panel shows the ESB verdict and its counts.",
            "Open \"The bus, side by side\" to compare today's links with a hub.",
            "Adding a middleware box is not enough: the links must go through it. Try \"Introduce a bus\".",
        ],
        concepts: &["esb", "point-to-point"],
        design: lesson!("introduce-bus"),
        goal: Goal::Design(&[Condition::EverythingThroughAHub]),
    },
    Exercise {
        id: "sso-to-api",
        title: "Signed in already, and now the API",
        task: "Employees sign in to the intranet through the corporate identity provider with SAML single sign-on. The intranet's server then reads each employee's open cases from Salesforce as that employee. Which OAuth flow should it use for Salesforce, without a second login?",
        hints: &[
            "The link to the identity provider is the sign-in itself: federation, not an exchange of data. What does the person hold once they are signed in?",
            "The identity provider can vouch for the person to Salesforce too, with an assertion made for Salesforce.",
        ],
        concepts: &["federated-sign-in", "saml-assertion", "web-server-flow"],
        design: lesson!("sso-to-api"),
        goal: Goal::Choose {
            asks: Asks::Auth(CASES),
            options: &["web-server", "saml-assertion", "jwt-bearer", "user-agent"],
        },
    },
    Exercise {
        id: "password-retirement",
        title: "Before the password flow is switched off",
        task: concatcp!(
            "The integration platform loads price changes into Salesforce every night and signs in with an integration user's password. Salesforce switches the username-password flow off on ",
            fact_date!(USERNAME_PASSWORD_RETIREMENT),
            ". Move the load to a flow that keeps working after that day, one Salesforce itself names as the way out, so that no high finding is left."
        ),
        hints: &[
            "Read AUTH-001 on the load: what does it say happens on that date, and what does it name instead?",
            "Nobody is present when the nightly load runs: which flows are made for a server on its own?",
            "Set the load's \"Auth today\" to the recommended flow, or to its runner-up, which Salesforce names first.",
        ],
        concepts: &[
            "username-password-retirement",
            "external-client-apps",
            "jwt-bearer",
            "client-credentials",
        ],
        design: lesson!("password-retirement"),
        goal: Goal::Design(&[
            Condition::AuthInUse(
                PRICE_LOAD,
                &[AuthFlow::JwtBearer, AuthFlow::ClientCredentials],
            ),
            Condition::NoRule("AUTH-001"),
            Condition::NoRule("AUTH-003"),
            Condition::NoFindings(Severity::High),
        ]),
    },
    Exercise {
        id: "spa-bff",
        title: "Tokens out of the browser",
        task: "The booking app runs only in the patient's browser, signs in with PKCE and calls Salesforce itself, so its tokens sit where any injected script could take them. Move the sign-in behind the team's Booking backend: the browser no longer calls Salesforce, and the backend calls it for the signed-in patient with the flow Patchbay recommends for a server that acts for a person.",
        hints: &[
            "A backend-for-frontend is a small server of the app's own that signs the person in and keeps the tokens; the browser keeps only a session cookie.",
            "Draw the link from the Booking backend to Salesforce, and remove the browser's own link to Salesforce.",
            "Whose data does the backend read: its own, or the signed-in patient's? Tick the box that says so.",
        ],
        concepts: &["backend-for-frontend", "web-server-flow", "pkce"],
        design: lesson!("spa-bff"),
        goal: Goal::Design(&[
            Condition::Unlinked(
                BOOKING_DIRECT,
                "the browser would still hold tokens for Salesforce",
            ),
            Condition::Linked(
                BOOKING_BACKEND,
                "the backend is what calls Salesforce for the patient",
            ),
            Condition::Auth(BOOKING_BACKEND, AuthFlow::WebServer),
        ]),
    },
    Exercise {
        id: "phone-bound-tokens",
        title: "Health data from a patient's phone",
        task: "Patients send blood-pressure readings from the clinic's app on their own phones into Salesforce, signed in as themselves. What should protect this link beyond the token and one-way TLS: mutual TLS (mutual-tls), tokens bound to the app (bound-tokens), or nothing more (one-way-tls)?",
        hints: &[
            "Health data crossing the public internet calls for more than a bearer token. Look at who connects: the app runs on each patient's own phone. Would the clinic install and renew a certificate on every one of them?",
            "A token bound to a key the app holds is useless to whoever copies it, and needs no certificate at all.",
        ],
        concepts: &["dpop", "mtls", "rfc-9700", "par-fapi"],
        design: lesson!("phone-bound-tokens"),
        goal: Goal::Choose {
            asks: Asks::Protection(READINGS),
            options: &["mutual-tls", "bound-tokens", "one-way-tls"],
        },
    },
    Exercise {
        id: "who-signs-in",
        title: "Who signs in for an event?",
        task: "Account changes leave Salesforce by change data capture. The warehouse loader subscribes to them itself and signs in with its own OAuth client (JWT bearer). The marketing SaaS wants the same changes. Which flow signs in for the link to the marketing SaaS?",
        hints: &[
            "An arrow shows where the data goes; it does not say who opens the connection. Who connects for the warehouse?",
            "Can a SaaS you rent subscribe to your org's event stream with code of its own?",
            "If it cannot subscribe, something must deliver each change to it. Who calls whom then?",
        ],
        concepts: &["connecting-side", "pub-sub-api", "named-credential"],
        design: lesson!("who-signs-in"),
        goal: Goal::Choose {
            asks: Asks::Auth(CAMPAIGN),
            options: &[
                "jwt-bearer",
                "client-credentials",
                "named-credential",
                "web-server",
            ],
        },
    },
    Exercise {
        id: "file-drop",
        title: "A file Salesforce cannot receive",
        task: "The payroll system can only write a CSV file of new hires to an SFTP server, and someone drew it straight into Salesforce. Make the design one that can be built: the file still leaves payroll over SFTP, and the integration hub carries it into Salesforce.",
        hints: &[
            "Read FEAS-001: which end of the link cannot speak SFTP?",
            "Changing the protocol on paper does not teach the payroll system a new trick: it still only writes files.",
            "Draw Payroll to the Integration hub (SFTP) and the hub to Salesforce, then remove the direct link.",
        ],
        concepts: &["salesforce-protocols", "batch-data-sync", "esb"],
        design: lesson!("file-drop"),
        goal: Goal::Design(&[
            Condition::NoRule("FEAS-001"),
            Condition::Unlinked(
                PAYROLL_DIRECT,
                "Salesforce has no SFTP server to receive the file, and payroll can only write files",
            ),
            Condition::Linked(PAYROLL_DROP, "the file has to reach the hub first"),
            Condition::Input(
                PAYROLL_DROP,
                Attr::Protocol,
                Value::Protocol(Protocol::Sftp),
            ),
            Condition::Linked(
                HUB_LOAD,
                "the hub is what loads the new hires into Salesforce",
            ),
        ]),
    },
    Exercise {
        id: "bus-in-place",
        title: "A bus that is already there",
        task: "A distributor's five systems exchange their data through its integration platform, and two teams still call each other directly. What does Patchbay say about an Enterprise Service Bus for this design?",
        hints: &[
            "Before counting anything, look for a middleware system that already carries the exchanges of others.",
            "Advice that says \"buy a bus\" to a company that runs one is no help: what is left to judge?",
        ],
        concepts: &["esb", "point-to-point"],
        design: lesson!("bus-in-place"),
        goal: Goal::Choose {
            asks: Asks::Esb,
            options: &[
                "point-to-point",
                "consider-hub",
                "esb-recommended",
                "bus-in-place",
            ],
        },
    },
];
