//! The built-in exercises: a starting design, a task, hints, and a goal the analyzer
//! checks. A goal is either a choice question, whose right answer is what the analyzer
//! recommends on the starting design (never a stored answer), or conditions on the
//! student's design.

use crate::analysis::esb::Verdict;
use crate::analysis::facts::{Attr, Value};
use crate::analysis::{Analysis, Events, LinkAnalysis, Pattern, Severity, analyze, events};
use crate::fact_date;
use crate::model::{AuthFlow, Design, Latency, Protocol, SystemKind, Trigger};
use crate::standards::{RFC_9700, USERNAME_PASSWORD_RETIREMENT};
use const_format::concatcp;

/// A link of the exercise's design, named by its two systems (ids change when a
/// student redraws a link; names are what the task talks about).
#[derive(Clone, Copy, Debug)]
pub struct LinkRef {
    /// The system that starts the exchange.
    pub from: &'static str,
    /// The system it calls or feeds.
    pub to: &'static str,
}

/// What a choice question asks for.
#[derive(Clone, Copy, Debug)]
pub enum Asks {
    /// The auth flow recommended for a link.
    Auth(LinkRef),
    /// The event mechanism recommended for a link.
    Events(LinkRef),
    /// For how many hours the link's recommended event mechanism can be replayed.
    Retention(LinkRef),
    /// How many connections a full mesh of the design's systems needs.
    FullMesh,
    /// What protects the link beyond one-way TLS: `mutual-tls`, `bound-tokens` (a
    /// person's device, where mutual TLS cannot apply) or `one-way-tls` (nothing more).
    Protection(LinkRef),
    /// The design's ESB verdict.
    Esb,
}

/// One condition a design must meet.
#[derive(Clone, Copy, Debug)]
pub enum Condition {
    /// The auth the link uses today (its `auth` field) is this flow.
    AuthInUse(LinkRef, AuthFlow),
    /// The auth the link uses today is one of these flows.
    AuthInUseOneOf(LinkRef, &'static [AuthFlow]),
    /// The recommended auth flow of the link is this one.
    Auth(LinkRef, AuthFlow),
    /// The recommended pattern of the link is this one.
    Pattern(LinkRef, Pattern),
    /// The recommended event mechanism of the link is this one.
    Events(LinkRef, Events),
    /// Mutual TLS is recommended for the link (or not).
    Mtls(LinkRef, bool),
    /// The rule raises no finding.
    NoRule(&'static str),
    /// No finding of this severity or worse.
    NoFindings(Severity),
    /// The design has a middleware system and every link starts or ends at one.
    EverythingThroughAHub,
    /// One input of the link has this value (as the decisions read it).
    Input(LinkRef, Attr, Value),
    /// The link exists (a callback drawn back, say); the text says why it is needed.
    Linked(LinkRef, &'static str),
    /// The link is gone; the text says why it must go.
    Unlinked(LinkRef, &'static str),
    /// The remote side's work on the link takes at least this many seconds: the task
    /// says how long it really takes, and making it faster on paper solves nothing.
    TakesAtLeast(LinkRef, f64),
}

/// What the student must do or answer.
#[derive(Clone, Copy, Debug)]
pub enum Goal {
    /// Answer a question before the recommendation is shown.
    Choose {
        /// What is asked.
        asks: Asks,
        /// The answers offered, as the choices' ids (or numbers).
        options: &'static [&'static str],
    },
    /// Change the design until every condition holds.
    Design(&'static [Condition]),
}

/// One exercise.
#[derive(Debug)]
pub struct Exercise {
    /// Stable id, used on the command line and in the progress file.
    pub id: &'static str,
    /// Its title in the Learn menu.
    pub title: &'static str,
    /// The task, in plain words.
    pub task: &'static str,
    /// Hints, shown one at a time on request.
    pub hints: &'static [&'static str],
    /// The concept cards it practises.
    pub concepts: &'static [&'static str],
    /// The starting design's text (a `.patchbay.ron` file under `lessons/`).
    pub design: &'static str,
    /// What counts as solved.
    pub goal: Goal,
}

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
        include_str!(concat!("../../lessons/", $file, ".patchbay.ron"))
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
            Condition::AuthInUse(SPA, AuthFlow::WebServerPkce),
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
            Condition::AuthInUse(JOB, AuthFlow::JwtBearer),
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
            Condition::AuthInUseOneOf(
                PRICE_LOAD,
                &[AuthFlow::JwtBearer, AuthFlow::ClientCredentials],
            ),
            Condition::NoRule("AUTH-001"),
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

/// The exercises that practise the concept card `card`, in the Learn menu's order.
pub fn practising(card: &str) -> impl Iterator<Item = &'static Exercise> + '_ {
    ALL.iter().filter(move |e| e.concepts.contains(&card))
}

/// The exercise with this id.
pub fn get(id: &str) -> Option<&'static Exercise> {
    ALL.iter().find(|e| e.id == id)
}

/// What "Check my answer" says.
#[derive(Clone, Debug, PartialEq)]
pub struct Feedback {
    /// Every condition met (or the right answer given).
    pub solved: bool,
    /// One line per condition or per answer: whether it holds and why, in the
    /// product's own words.
    pub lines: Vec<(bool, String)>,
    /// A wrong answer to a question while hints are left: the hint to show next (its
    /// index), given instead of the right answer.
    pub next_hint: Option<usize>,
}

impl Exercise {
    /// The starting design.
    pub fn start(&self) -> Design {
        crate::model::parse(self.design).unwrap_or_else(|problems| {
            // The lessons are part of the binary and a test parses every one.
            unreachable!("lesson {} does not parse: {problems:?}", self.id)
        })
    }

    /// Checks a choice answer against what the analyzer recommends on `design` (the
    /// starting design unless the student changed it), or, for a design goal, each
    /// condition on `design`. A wrong answer is told the right one (every hint is
    /// taken as used): for the command line, which keeps no hints between runs.
    pub fn check(&self, design: &Design, answer: Option<&str>) -> Feedback {
        self.check_with_hints(design, answer, self.hints.len())
    }

    /// As [`Exercise::check`], for a student who has seen `hints_shown` hints: a wrong
    /// answer says why it is wrong and asks for the next hint, and names the right
    /// answer only once the hints are used up.
    pub fn check_with_hints(
        &self,
        design: &Design,
        answer: Option<&str>,
        hints_shown: usize,
    ) -> Feedback {
        let analysis = analyze(design);
        match self.goal {
            Goal::Choose { asks, .. } => match answer {
                Some(answer) => {
                    let reveal = hints_shown >= self.hints.len();
                    let mut fb = choose(design, &analysis, asks, answer.trim(), reveal);
                    if !fb.solved && !reveal {
                        fb.next_hint = Some(hints_shown);
                    }
                    fb
                }
                None => Feedback {
                    solved: false,
                    lines: vec![(false, "Pick an answer first.".into())],
                    next_hint: None,
                },
            },
            Goal::Design(conditions) => {
                let lines: Vec<(bool, String)> = conditions
                    .iter()
                    .map(|c| condition(design, &analysis, *c))
                    .collect();
                Feedback {
                    solved: lines.iter().all(|(ok, _)| *ok),
                    lines,
                    next_hint: None,
                }
            }
        }
    }

    /// The question of a choice exercise in words, for lists and the command line.
    pub fn is_choice(&self) -> bool {
        matches!(self.goal, Goal::Choose { .. })
    }
}

/// The link `r` names, with its analysis.
fn find<'a>(design: &Design, analysis: &'a Analysis, r: LinkRef) -> Option<&'a LinkAnalysis> {
    let named = |id, name: &str| design.system(id).is_some_and(|s| s.name == name);
    let link = design
        .links
        .iter()
        .find(|l| named(l.from, r.from) && named(l.to, r.to))?;
    analysis.link(link.id)
}

fn missing(r: LinkRef) -> (bool, String) {
    (
        false,
        format!(
            "There is no link from {} to {}: the task is about that link, so keep both systems and their names.",
            r.from, r.to
        ),
    )
}

/// How long Salesforce keeps the events of a mechanism for replay: change events and
/// high-volume platform events (the kind new ones are), the table's retention; no events, none.
fn retention_hours(e: Events) -> Option<u32> {
    match e {
        Events::ChangeDataCapture | Events::PlatformEvents => Some(events::HIGH_VOLUME_RETENTION_H),
        Events::None => None,
    }
}

/// The first flip of `d` that leads to `target`, in words.
fn lever<T: PartialEq + Copy>(
    d: &crate::analysis::decision::Decision<T>,
    target: T,
) -> Option<String> {
    d.flips
        .iter()
        .find(|f| f.result == target)
        .map(|f| f.in_words())
}

fn choose(
    design: &Design,
    analysis: &Analysis,
    asks: Asks,
    answer: &str,
    reveal: bool,
) -> Feedback {
    let (right, line) = match asks {
        Asks::Auth(r) => {
            let Some(a) = find(design, analysis, r) else {
                return Feedback {
                    solved: false,
                    lines: vec![missing(r)],
                    next_hint: None,
                };
            };
            let d = &a.auth_flow;
            let given = answer.parse::<AuthFlow>().ok();
            let never = given.and_then(never_recommended);
            judge(d, given, answer, |f| f.id(), reveal, never)
        }
        Asks::Events(r) => {
            let Some(a) = find(design, analysis, r) else {
                return Feedback {
                    solved: false,
                    lines: vec![missing(r)],
                    next_hint: None,
                };
            };
            let d = &a.events;
            let given = answer.parse::<Events>().ok();
            judge(d, given, answer, |e| e.id(), reveal, None)
        }
        Asks::Retention(r) => {
            let Some(a) = find(design, analysis, r) else {
                return Feedback {
                    solved: false,
                    lines: vec![missing(r)],
                    next_hint: None,
                };
            };
            let mechanism = a.events.choice;
            let Some(hours) = retention_hours(mechanism) else {
                return Feedback {
                    solved: false,
                    next_hint: None,
                    lines: vec![(
                        false,
                        format!(
                            "This link carries no events (Patchbay recommends {}): {}",
                            mechanism.id(),
                            a.events.reason
                        ),
                    )],
                };
            };
            let right = answer.parse::<u32>().ok() == Some(hours);
            let why = format!(
                "Patchbay recommends {} for this link, and Salesforce keeps those events for {hours} hours ({} days); standard-volume platform events are kept for only {}. A subscriber away longer misses events for good, so it needs a way to re-sync (EVT-001).",
                mechanism.id(),
                hours / 24,
                events::STANDARD_RETENTION_H
            );
            let line = if right {
                format!("Right: {hours} hours. {why}")
            } else if reveal {
                format!("Not {answer} hours. {why}")
            } else if answer.parse::<u32>().ok() == Some(events::STANDARD_RETENTION_H) {
                format!(
                    "Not {answer} hours: that is how long Salesforce keeps standard-volume platform events, a class new event channels no longer use. Which mechanism carries this link, and how long is that one kept?"
                )
            } else {
                format!(
                    "Not {answer} hours: Salesforce keeps no event class for that long or that short. Work out which mechanism carries this link first."
                )
            };
            (right, line)
        }
        Asks::Protection(r) => {
            let Some(a) = find(design, analysis, r) else {
                return Feedback {
                    solved: false,
                    lines: vec![missing(r)],
                    next_hint: None,
                };
            };
            let right_answer = protection(a);
            let right = answer == right_answer;
            let line = if right {
                format!("Right: {right_answer}. {}", a.mtls.reason)
            } else if reveal {
                format!(
                    "Not {answer}: Patchbay recommends {right_answer}. {}",
                    a.mtls.reason
                )
            } else {
                format!("Not {answer}: {}", protection_mistake(answer, right_answer))
            };
            (right, line)
        }
        Asks::Esb => {
            let esb = &analysis.esb;
            let right_answer = esb.verdict.id();
            let right = answer == right_answer;
            let line = if right {
                format!("Right: {right_answer}. {}", esb.reason)
            } else if reveal {
                format!("Not {answer}: Patchbay says {right_answer}. {}", esb.reason)
            } else {
                format!(
                    "Not {answer}: {}",
                    verdict_mistake(answer.parse().ok(), esb.verdict)
                )
            };
            (right, line)
        }
        Asks::FullMesh => {
            let esb = &analysis.esb;
            let n = esb.systems;
            let right = answer.parse::<usize>().ok() == Some(esb.full_mesh);
            let why = format!(
                "Each of the {n} systems would connect to the {} others, and each connection joins two of them: {n} × {} / 2 = {}. Today there are {}; through a hub there would be {}, one per system.",
                n.saturating_sub(1),
                n.saturating_sub(1),
                esb.full_mesh,
                esb.point_to_point,
                esb.via_hub
            );
            let given = answer.parse::<usize>().ok();
            let line = if right {
                format!("Right: {}. {why}", esb.full_mesh)
            } else if reveal {
                format!("Not {answer}. {why}")
            } else {
                format!(
                    "Not {answer}: {}",
                    mesh_mistake(given, n, esb.point_to_point)
                )
            };
            (right, line)
        }
    };
    Feedback {
        solved: right,
        lines: vec![(right, line)],
        next_hint: None,
    }
}

/// What protects a link beyond one-way TLS, as the mTLS decision says: mutual TLS,
/// tokens bound to the client where the connecting side is a person's device, or
/// nothing more.
pub fn protection(a: &LinkAnalysis) -> &'static str {
    use crate::analysis::decision::Decide;
    use crate::analysis::mtls::{MtlsDecision, Step};
    if a.mtls.choice {
        "mutual-tls"
    } else if let Step::PersonsDevice(_) = MtlsDecision::decide(&a.facts).1 {
        "bound-tokens"
    } else {
        "one-way-tls"
    }
}

/// Why a wrong choice of protection is wrong, without giving the right one away.
fn protection_mistake(given: &str, right: &str) -> &'static str {
    match (given, right) {
        ("mutual-tls", "bound-tokens") => {
            "the data does call for more than one-way TLS, but mutual TLS needs a client certificate that the organisation issues, installs and rotates on the machine that connects. Who connects here, and could anyone do that on it?"
        }
        ("one-way-tls", "bound-tokens" | "mutual-tls") => {
            "a bearer token over one-way TLS works for whoever holds it. Look at what the link carries and where it goes: it calls for more."
        }
        ("bound-tokens", "mutual-tls") => {
            "binding tokens to a key is what a person's device does, where no certificate can be managed. The side that connects here is a server: what can it hold?"
        }
        (_, "one-way-tls") => {
            "nothing on this link calls for more than one-way TLS and a token: look at its sensitivity, its zones and what the target asks for."
        }
        _ => "that is not one of the answers.",
    }
}

/// Why a wrong ESB verdict is wrong, without giving the right one away.
fn verdict_mistake(given: Option<Verdict>, right: Verdict) -> &'static str {
    match (given, right) {
        (Some(Verdict::EsbRecommended | Verdict::ConsiderHub), Verdict::BusInPlace) => {
            "look at the middle of the drawing: most exchanges already pass through one system. Patchbay never recommends a bus that is there; what is left to judge is the links that go around it."
        }
        (Some(Verdict::PointToPoint), Verdict::BusInPlace) => {
            "most systems here do not talk to each other pair by pair: their exchanges already pass through one system."
        }
        (Some(Verdict::BusInPlace), _) => {
            "a bus in place means a middleware system that already carries the exchanges of two or more others. Is there one?"
        }
        _ => {
            "count the systems that exchange data and the pairs that talk directly, then compare with a hub."
        }
    }
}

/// What a wrong count of a full mesh most likely counted instead.
fn mesh_mistake(given: Option<usize>, n: usize, today: usize) -> String {
    match given {
        Some(g) if g == today => {
            "that is how many connections the design has today, not how many it would take for every system to reach every other one.".into()
        }
        Some(g) if g == n => {
            "that is one connection per system, which is what a hub would need.".into()
        }
        Some(g) if g == n * n => {
            "that counts every system connecting to itself, and every pair twice.".into()
        }
        Some(g) if g == n * n.saturating_sub(1) => {
            "that counts every connection twice, once from each of its ends.".into()
        }
        _ => "count the pairs of systems: each system reaches every other one, and a connection joins two.".into(),
    }
}

/// Why Patchbay never recommends a flow, for a student who picks it.
fn never_recommended(flow: AuthFlow) -> Option<&'static str> {
    match flow {
        AuthFlow::UserAgent => Some(concatcp!(
            "the implicit flow hands the token over in the browser's address bar, where scripts and history can read it, and current guidance (",
            RFC_9700.name,
            ") says not to use it"
        )),
        AuthFlow::UsernamePassword => Some(concatcp!(
            "the caller keeps a person's password, cannot pass a second factor, the OAuth security guidance (",
            RFC_9700.name,
            ") says the password grant must not be used, and Salesforce stops it on ",
            fact_date!(USERNAME_PASSWORD_RETIREMENT)
        )),
        _ => None,
    }
}

/// The verdict on a choice: right with the decision's reason; wrong with what would
/// have to be true for the given answer, and, when `reveal`, what the analyzer
/// recommends and why.
fn judge<T: PartialEq + Copy>(
    d: &crate::analysis::decision::Decision<T>,
    given: Option<T>,
    answer: &str,
    id: impl Fn(T) -> &'static str,
    reveal: bool,
    never: Option<&str>,
) -> (bool, String) {
    if given == Some(d.choice) {
        return (true, format!("Right: {}. {}", id(d.choice), d.reason));
    }
    if !reveal {
        let why = match (never, given.and_then(|g| lever(d, g))) {
            (Some(never), _) => format!("Patchbay never recommends it: {never}."),
            (None, Some(condition)) => {
                format!("it would be {answer} {condition}, and that is not so here.")
            }
            (None, None) if given.is_some() && given == d.runner_up => format!(
                "it is the runner-up here, what Patchbay would recommend next, not first. {}",
                crate::report::out_of_reach(d)
            ),
            (None, None) => format!(
                "no single change of this link's inputs would make it {answer}, so it does not fit this link."
            ),
        };
        return (false, format!("Not {answer}: {why}"));
    }
    let mut text = format!(
        "Not {answer}: Patchbay recommends {}. {}",
        id(d.choice),
        d.reason
    );
    match given.and_then(|g| lever(d, g)) {
        Some(condition) => text.push_str(&format!(" It would be {answer} {condition}.")),
        None => text.push_str(&format!(
            " No single change of this link's inputs would make it {answer}."
        )),
    }
    (false, text)
}

fn condition(design: &Design, analysis: &Analysis, c: Condition) -> (bool, String) {
    let name = |r: LinkRef| format!("{} → {}", r.from, r.to);
    match c {
        Condition::AuthInUse(r, flow) => {
            let Some(link) = design.links.iter().find(|l| {
                design.system(l.from).is_some_and(|s| s.name == r.from)
                    && design.system(l.to).is_some_and(|s| s.name == r.to)
            }) else {
                return missing(r);
            };
            match link.auth {
                Some(now) if now == flow => {
                    (true, format!("{} uses {} today.", name(r), flow.id()))
                }
                now => (
                    false,
                    format!(
                        "{} uses {} today; the goal is {}.",
                        name(r),
                        now.map_or("no recorded flow", |f| f.id()),
                        flow.id()
                    ),
                ),
            }
        }
        Condition::Pattern(r, p) => {
            let Some(a) = find(design, analysis, r) else {
                return missing(r);
            };
            recommended(&name(r), "pattern", &a.pattern, p, |p| p.id())
        }
        Condition::Events(r, e) => {
            let Some(a) = find(design, analysis, r) else {
                return missing(r);
            };
            recommended(&name(r), "event mechanism", &a.events, e, |e| e.id())
        }
        Condition::Mtls(r, want) => {
            let Some(a) = find(design, analysis, r) else {
                return missing(r);
            };
            let say = |b: bool| if b { "recommended" } else { "not needed" };
            recommended(&name(r), "mutual TLS", &a.mtls, want, say)
        }
        Condition::NoRule(rule) => {
            let hits: Vec<_> = analysis
                .findings
                .iter()
                .filter(|f| f.rule.id == rule)
                .collect();
            match hits.first() {
                None => (true, format!("No {rule} finding.")),
                Some(f) => (
                    false,
                    format!(
                        "{rule} still fires: {}: {}",
                        f.subject.name(design),
                        f.message
                    ),
                ),
            }
        }
        Condition::NoFindings(severity) => {
            let worse: Vec<_> = analysis
                .findings
                .iter()
                .filter(|f| f.severity >= severity)
                .collect();
            match worse.first() {
                None => (true, format!("No {} findings.", severity.id())),
                Some(f) => (
                    false,
                    format!(
                        "{} {} finding{} left, such as {} on {}: {}",
                        worse.len(),
                        severity.id(),
                        if worse.len() == 1 { "" } else { "s" },
                        f.rule.id,
                        f.subject.name(design),
                        f.message
                    ),
                ),
            }
        }
        Condition::Input(r, attr, want) => {
            let Some(a) = find(design, analysis, r) else {
                return missing(r);
            };
            let now = a.facts.get(attr);
            if now == want {
                (
                    true,
                    format!("{}: {} is {want}.", name(r), attr.in_sentence()),
                )
            } else {
                (
                    false,
                    format!(
                        "{}: {} is {now}; the goal is {want}.",
                        name(r),
                        attr.in_sentence()
                    ),
                )
            }
        }
        Condition::Linked(r, why) => {
            if find(design, analysis, r).is_some() {
                (
                    true,
                    format!("There is a link from {} to {}.", r.from, r.to),
                )
            } else {
                (
                    false,
                    format!(
                        "There is no link from {} to {} yet: draw it, {why}.",
                        r.from, r.to
                    ),
                )
            }
        }
        Condition::Unlinked(r, why) => {
            if find(design, analysis, r).is_some() {
                (
                    false,
                    format!(
                        "There is still a direct link from {} to {}: {why}.",
                        r.from, r.to
                    ),
                )
            } else {
                (
                    true,
                    format!("No direct link from {} to {} any more.", r.from, r.to),
                )
            }
        }
        Condition::Auth(r, flow) => {
            let Some(a) = find(design, analysis, r) else {
                return missing(r);
            };
            recommended(&name(r), "auth flow", &a.auth_flow, flow, |f| f.id())
        }
        Condition::AuthInUseOneOf(r, flows) => {
            let Some(link) = design.links.iter().find(|l| {
                design.system(l.from).is_some_and(|s| s.name == r.from)
                    && design.system(l.to).is_some_and(|s| s.name == r.to)
            }) else {
                return missing(r);
            };
            let wanted = flows
                .iter()
                .map(|f| f.id())
                .collect::<Vec<_>>()
                .join(" or ");
            match link.auth {
                Some(now) if flows.contains(&now) => {
                    (true, format!("{} uses {} today.", name(r), now.id()))
                }
                now => (
                    false,
                    format!(
                        "{} uses {} today; the goal is {wanted}.",
                        name(r),
                        now.map_or("no recorded flow", |f| f.id())
                    ),
                ),
            }
        }
        Condition::TakesAtLeast(r, seconds) => {
            let Some(link) = design.link(match find(design, analysis, r) {
                Some(a) => a.link,
                None => return missing(r),
            }) else {
                return missing(r);
            };
            if link.expected_duration_s >= seconds {
                (
                    true,
                    format!(
                        "{}: the work still takes {} s, as it really does.",
                        name(r),
                        link.expected_duration_s
                    ),
                )
            } else {
                (
                    false,
                    format!(
                        "{}: the work is written as {} s, but it really takes longer than {seconds} s; describe it as it is.",
                        name(r),
                        link.expected_duration_s
                    ),
                )
            }
        }
        Condition::EverythingThroughAHub => {
            let hubs: Vec<_> = design
                .systems
                .iter()
                .filter(|s| s.kind == SystemKind::Middleware)
                .map(|s| s.id)
                .collect();
            if hubs.is_empty() {
                return (
                    false,
                    "The design has no middleware system to act as the hub.".into(),
                );
            }
            let signs_in =
                |l: &crate::model::Link| match (design.system(l.from), design.system(l.to)) {
                    (Some(a), Some(b)) => a.kind.signs_in_at(b.kind),
                    _ => false,
                };
            let direct = design
                .links
                .iter()
                .filter(|l| !hubs.contains(&l.from) && !hubs.contains(&l.to) && !signs_in(l))
                .count();
            let esb = &analysis.esb;
            if direct == 0 {
                (
                    true,
                    format!(
                        "Every link goes through the hub: {} systems over {} connections, where a full mesh would need {}.",
                        esb.systems, esb.point_to_point, esb.full_mesh
                    ),
                )
            } else {
                (
                    false,
                    format!(
                        "{direct} link{} still go{} directly between two systems, past the hub.",
                        if direct == 1 { "" } else { "s" },
                        if direct == 1 { "es" } else { "" }
                    ),
                )
            }
        }
    }
}

/// Whether a recommendation is the one wanted, with the decision's reason either way.
fn recommended<T: PartialEq + Copy>(
    link: &str,
    what: &str,
    d: &crate::analysis::decision::Decision<T>,
    want: T,
    show: impl Fn(T) -> &'static str,
) -> (bool, String) {
    if d.choice == want {
        (
            true,
            format!("{link}: the {what} is {}. {}", show(want), d.reason),
        )
    } else {
        (
            false,
            format!(
                "{link}: the {what} is {}, not {}. {}",
                show(d.choice),
                show(want),
                d.reason
            ),
        )
    }
}
