# ruff: noqa: E501  (prose: one sentence per line reads and diffs better than wrapped strings)
"""The demo catalogue's content: providers and courses, written to read like the real thing.

Kept apart from ``catalog.demo`` (which builds pages from it) so the words can be edited
without touching code. Competencies are named by their code in the shipped generic
framework; ``catalog.demo`` falls back to other competencies when a country's framework
uses different codes.
"""

PROVIDERS = [
    {
        "slug": "public-service-commission",
        "title": "Public Service Commission",
        "kind": "government",
        "description": "Sets the standards of conduct, recruitment and training for the civil service.",
    },
    {
        "slug": "national-school-of-government",
        "title": "National School of Government",
        "kind": "institute",
        "description": "The civil service's own training institute: induction, management and leadership programmes.",
    },
    {
        "slug": "institute-of-public-finance",
        "title": "Institute of Public Finance",
        "kind": "institute",
        "description": "Training for budget, accounting, audit and procurement officers.",
    },
    {
        "slug": "state-university-public-policy",
        "title": "State University — School of Public Policy",
        "kind": "university",
        "description": "Short courses on evidence, evaluation and policy design, taught by faculty.",
    },
    {
        "slug": "open-governance-network",
        "title": "Open Governance Network",
        "kind": "civil_society",
        "description": "A non-profit that helps administrations open data and listen to citizens.",
    },
    {
        "slug": "brightpath-digital",
        "title": "Brightpath Digital Academy",
        "kind": "private",
        "description": "Practical digital and data skills for teams delivering public services online.",
    },
]


def _q(prompt, choices, feedback, kind="single"):
    return {"prompt": prompt, "kind": kind, "choices": choices, "feedback": feedback}


COURSES = [
    {
        "slug": "ethics-and-integrity-in-public-service",
        "provider": "public-service-commission",
        "title": "Ethics and integrity in public service",
        "language": "en",
        "hours": "3.0",
        "level": "foundation",
        "summary": "Recognise conflicts of interest, handle gifts and hospitality, and know when and how to raise a concern.",
        "competencies": [("BEH-INT", "proficient"), ("BEH-DEC", "developing")],
        "modules": [
            (
                "Why integrity matters",
                [
                    (
                        "Public trust and the code of conduct",
                        "Citizens accept decisions they dislike when they trust how those decisions were made. The code of conduct turns that trust into everyday rules: impartiality, honesty, objectivity and accountability.",
                    ),
                    (
                        "Conflicts of interest",
                        "A conflict of interest exists as soon as a private interest could reasonably be seen to influence an official duty — whether or not it actually does. Declare it early, in writing, and step back from the decision.",
                    ),
                ],
            ),
            (
                "Everyday dilemmas",
                [
                    (
                        "Gifts and hospitality",
                        "Refuse any gift that could look like a reward for a decision. Register the ones you may accept, such as token gifts of low value, in your department's register within the week.",
                    ),
                    (
                        "Raising a concern",
                        "If you see wrongdoing, raise it with your line manager or the nominated officer. The law protects staff who report in good faith through the proper channels.",
                    ),
                ],
            ),
        ],
        "quiz": (
            "Check your understanding",
            [
                _q(
                    "A supplier bidding for a contract you assess invites you to a costly dinner. What do you do?",
                    [
                        ("Decline and record the offer", True),
                        ("Accept if you pay for your own drinks", False),
                        ("Accept; it is only a dinner", False),
                    ],
                    "Hospitality from a bidder during a procurement can look like influence: decline and record it.",
                ),
                _q(
                    "Which of these must you declare?",
                    [
                        ("Your spouse owns shares in a company you regulate", True),
                        ("A former classmate now works for a firm bidding for your contract", True),
                        ("You read a newspaper that criticises the ministry", False),
                    ],
                    "Declare anything a reasonable person could see as influencing your duty.",
                    "multiple",
                ),
            ],
        ),
    },
    {
        "slug": "writing-clear-briefings-for-ministers",
        "provider": "national-school-of-government",
        "title": "Writing clear briefings for ministers",
        "language": "en",
        "hours": "2.5",
        "level": "intermediate",
        "summary": "Structure a briefing so a busy minister can decide in five minutes: the ask first, the options, the risks, the recommendation.",
        "competencies": [("BEH-COM", "proficient"), ("FUN-POL", "developing")],
        "modules": [
            (
                "The shape of a good briefing",
                [
                    (
                        "Start with the decision",
                        "Open with what you need from the minister and by when. Background comes after, and only as much as the decision needs.",
                    ),
                    (
                        "Options and a recommendation",
                        "Present two or three real options with their costs and risks, then say which one you recommend and why.",
                    ),
                ],
            ),
            (
                "Plain language",
                [
                    (
                        "Short sentences, active voice",
                        "Write “the ministry will publish the rules in May”, not “publication of the rules is envisaged”. Readers remember who does what.",
                    ),
                    (
                        "Numbers that mean something",
                        "Round figures, compare them with something familiar and give the source. “One in four households” beats “24.7%”.",
                    ),
                ],
            ),
        ],
        "quiz": (
            "Briefing quiz",
            [
                _q(
                    "What comes first in a decision briefing?",
                    [
                        ("The decision needed and the deadline", True),
                        ("The history of the issue", False),
                        ("The list of people consulted", False),
                    ],
                    "Lead with the ask: the reader must know at once what you need.",
                ),
                _q(
                    "Which sentence is in plain language?",
                    [
                        ("The ministry will publish the rules in May.", True),
                        ("Publication of the rules is envisaged in the May timeframe.", False),
                    ],
                    "Active voice names who acts and when.",
                ),
            ],
        ),
    },
    {
        "slug": "budget-preparation-basics",
        "provider": "institute-of-public-finance",
        "title": "Budget preparation basics",
        "language": "en",
        "hours": "6.0",
        "level": "foundation",
        "summary": "Follow the annual budget cycle, read a budget circular, and prepare a costed submission for your unit.",
        "competencies": [("FUN-FIN", "developing")],
        "modules": [
            (
                "The budget cycle",
                [
                    (
                        "From circular to appropriation",
                        "The finance ministry's circular sets ceilings and deadlines. Units prepare estimates, the ministry negotiates, cabinet approves and parliament appropriates.",
                    ),
                    (
                        "Recurrent and capital spending",
                        "Recurrent spending pays for running services year after year; capital spending builds assets that last. Each is estimated and controlled differently.",
                    ),
                ],
            ),
            (
                "Preparing your submission",
                [
                    (
                        "Costing an activity",
                        "Cost every activity from its inputs: staff time, goods, services and travel, priced with the official unit costs in the circular.",
                    ),
                    (
                        "Justifying new spending",
                        "New spending needs a reason linked to a policy priority, an estimate of results and a plan to stop if those results do not come.",
                    ),
                ],
            ),
        ],
        "quiz": (
            "Budget cycle quiz",
            [
                _q(
                    "Who appropriates the budget?",
                    [
                        ("Parliament", True),
                        ("The finance ministry", False),
                        ("Each spending unit", False),
                    ],
                    "Only parliament can authorise public spending.",
                ),
                _q(
                    "A new road is which kind of spending?",
                    [("Capital", True), ("Recurrent", False)],
                    "It builds an asset that lasts for many years.",
                ),
            ],
        ),
    },
    {
        "slug": "public-procurement-essentials",
        "provider": "institute-of-public-finance",
        "title": "Public procurement essentials",
        "language": "en",
        "hours": "8.0",
        "level": "intermediate",
        "summary": "Plan a purchase, choose the right procedure, evaluate bids fairly and manage the contract to delivery.",
        "competencies": [("FUN-PRO", "proficient"), ("BEH-INT", "developing")],
        "modules": [
            (
                "Planning and procedures",
                [
                    (
                        "The procurement plan",
                        "List every purchase for the year with its estimated value and date. The value decides the procedure: request for quotations, open tender or framework call-off.",
                    ),
                    (
                        "Writing specifications",
                        "Describe the need in terms of function and performance, never a brand. A specification that only one supplier can meet is a restriction of competition.",
                    ),
                ],
            ),
            (
                "Evaluation and contract management",
                [
                    (
                        "Evaluating bids",
                        "Apply only the criteria and weights published in the tender documents, and record the evaluation committee's reasons for every score.",
                    ),
                    (
                        "Managing the contract",
                        "Name a contract manager, track deliverables against milestones, and pay only for what was received and accepted.",
                    ),
                ],
            ),
        ],
        "quiz": (
            "Procurement quiz",
            [
                _q(
                    "Which criteria may the evaluation committee use?",
                    [
                        ("Only those published in the tender documents", True),
                        ("Any criteria the committee agrees on", False),
                        ("The criteria used last year", False),
                    ],
                    "Bidders must know how they will be judged before they bid.",
                ),
                _q(
                    "Which of these restrict competition?",
                    [
                        ("Naming a brand in the specification", True),
                        ("Giving bidders three days to respond to an open tender", True),
                        ("Publishing the tender on the national portal", False),
                    ],
                    "Brand names and unreasonably short deadlines both shut suppliers out.",
                    "multiple",
                ),
            ],
        ),
    },
    {
        "slug": "using-evidence-in-policy-making",
        "provider": "state-university-public-policy",
        "title": "Using evidence in policy making",
        "language": "en",
        "hours": "5.0",
        "level": "intermediate",
        "summary": "Find, weigh and use evidence at each stage of the policy cycle, from problem definition to evaluation.",
        "competencies": [("FUN-POL", "proficient"), ("BEH-DEC", "proficient")],
        "modules": [
            (
                "What counts as evidence",
                [
                    (
                        "Sources of evidence",
                        "Administrative data, surveys, evaluations, research syntheses and the experience of front-line staff all count; each answers different questions.",
                    ),
                    (
                        "Judging quality",
                        "Ask how the evidence was produced, whether it applies to your context, and whether other studies agree.",
                    ),
                ],
            ),
            (
                "Evidence through the policy cycle",
                [
                    (
                        "Defining the problem",
                        "Measure the size of the problem and who it affects before choosing a solution; many failed policies solved the wrong problem.",
                    ),
                    (
                        "Planning the evaluation",
                        "Decide how you will know whether the policy works before it starts, and collect baseline data while you still can.",
                    ),
                ],
            ),
        ],
        "quiz": (
            "Evidence quiz",
            [
                _q(
                    "When should you plan a policy's evaluation?",
                    [
                        ("Before the policy starts", True),
                        ("After the first year", False),
                        ("Only if problems appear", False),
                    ],
                    "Baselines can only be collected before the change.",
                ),
                _q(
                    "Which is the best first question about a study?",
                    [
                        ("Does it apply to our context?", True),
                        ("Was it published recently?", False),
                    ],
                    "Strong results elsewhere may not transfer.",
                ),
            ],
        ),
    },
    {
        "slug": "citizen-centred-service-design",
        "provider": "open-governance-network",
        "title": "Citizen-centred service design",
        "language": "en",
        "hours": "4.0",
        "level": "foundation",
        "summary": "Understand the people who use your service, map their journey and fix the steps that fail them.",
        "competencies": [("BEH-CIT", "proficient"), ("FUN-DIG", "beginner")],
        "modules": [
            (
                "Knowing your users",
                [
                    (
                        "Talking to citizens",
                        "Spend time where people use the service: the counter, the phone line, the form. Listen to what they do, not only what they say.",
                    ),
                    (
                        "Journey maps",
                        "Draw every step from the moment a citizen needs the service to the moment the need is met, and mark where people drop out or call for help.",
                    ),
                ],
            ),
            (
                "Improving the service",
                [
                    (
                        "Fixing the worst step first",
                        "Choose the step that fails the most people and test a simpler version with real users before rolling it out.",
                    ),
                    (
                        "Measuring what changed",
                        "Track completion rate, time taken and satisfaction before and after the change.",
                    ),
                ],
            ),
        ],
        "quiz": (
            "Service design quiz",
            [
                _q(
                    "Where do you learn most about a service's users?",
                    [
                        ("Where they use the service", True),
                        ("In a meeting with senior managers", False),
                    ],
                    "Observation beats assumption.",
                ),
                _q(
                    "Which measures show a service improved?",
                    [
                        ("Completion rate", True),
                        ("Time taken", True),
                        ("Number of pages on the website", False),
                    ],
                    "Measure outcomes for users, not outputs.",
                    "multiple",
                ),
            ],
        ),
    },
    {
        "slug": "data-literacy-for-public-servants",
        "provider": "brightpath-digital",
        "title": "Data literacy for public servants",
        "language": "en",
        "hours": "5.5",
        "level": "foundation",
        "summary": "Read tables and charts critically, clean a spreadsheet, and share data safely within the rules.",
        "competencies": [("FUN-DIG", "developing")],
        "modules": [
            (
                "Reading data",
                [
                    (
                        "Tables and charts",
                        "Check the units, the period and the source before reading a number. A chart whose axis does not start at zero can exaggerate a change.",
                    ),
                    (
                        "Averages and outliers",
                        "A mean can hide a few extreme values; look at the median and the spread too.",
                    ),
                ],
            ),
            (
                "Working with data",
                [
                    (
                        "Tidy spreadsheets",
                        "One row per record, one column per variable, one value per cell: tidy data can be sorted, filtered and merged without errors.",
                    ),
                    (
                        "Sharing data safely",
                        "Remove names and identifiers before sharing, share only what the recipient needs, and follow your data protection officer's advice.",
                    ),
                ],
            ),
        ],
        "quiz": (
            "Data quiz",
            [
                _q(
                    "Incomes in a village are mostly low, with one very rich farmer. Which figure best describes a typical income?",
                    [("The median", True), ("The mean", False)],
                    "The median is not pulled up by one extreme value.",
                ),
                _q(
                    "Which rules make a spreadsheet tidy?",
                    [
                        ("One row per record", True),
                        ("One value per cell", True),
                        ("Merged cells for headings", False),
                    ],
                    "Merged cells break sorting and filtering.",
                    "multiple",
                ),
            ],
        ),
    },
    {
        "slug": "managing-public-projects",
        "provider": "national-school-of-government",
        "title": "Managing public projects",
        "language": "en",
        "hours": "10.0",
        "level": "advanced",
        "summary": "Run a government project from business case to closure: scope, schedule, risks, stakeholders and benefits.",
        "competencies": [("FUN-PRJ", "advanced"), ("BEH-LEAD", "proficient")],
        "modules": [
            (
                "Starting well",
                [
                    (
                        "The business case",
                        "State the problem, the options considered, the costs and the benefits you expect. Approval of the business case is the project's licence to spend.",
                    ),
                    (
                        "Scope and schedule",
                        "Break the work into deliverables, estimate each one and find the critical path: the chain of tasks that sets the end date.",
                    ),
                ],
            ),
            (
                "Delivering",
                [
                    (
                        "Risks and issues",
                        "A risk may happen; an issue has happened. Keep a register of both, with an owner and an action for each.",
                    ),
                    (
                        "Benefits realisation",
                        "Benefits arrive after the project closes. Name who will measure them and when.",
                    ),
                ],
            ),
        ],
        "quiz": (
            "Project quiz",
            [
                _q(
                    "What is the critical path?",
                    [
                        ("The chain of dependent tasks that sets the end date", True),
                        ("The most expensive tasks", False),
                        ("The tasks the sponsor cares about", False),
                    ],
                    "Delay on the critical path delays the whole project.",
                ),
                _q(
                    "A supplier has just gone bankrupt. Is this a risk or an issue?",
                    [("An issue", True), ("A risk", False)],
                    "It has already happened.",
                ),
            ],
        ),
    },
    {
        "slug": "disaster-risk-management-for-district-officers",
        "provider": "public-service-commission",
        "title": "Disaster risk management for district officers",
        "language": "en",
        "hours": "7.0",
        "level": "intermediate",
        "summary": "Assess local hazards, prepare a district response plan and coordinate relief in the first 72 hours.",
        "competencies": [("DOM-DRM", "proficient"), ("BEH-COL", "developing")],
        "modules": [
            (
                "Preparedness",
                [
                    (
                        "Hazard and vulnerability mapping",
                        "Map the hazards your district faces — floods, cyclones, drought, earthquakes — and the people and assets most exposed to each.",
                    ),
                    (
                        "The district response plan",
                        "The plan names who does what, where shelters and stocks are, and how warnings reach every village, including people with disabilities.",
                    ),
                ],
            ),
            (
                "Response",
                [
                    (
                        "The first 72 hours",
                        "Activate the emergency operations centre, establish the facts, protect life first, and report upwards at fixed times.",
                    ),
                    (
                        "Coordinating relief",
                        "One coordination meeting a day, one shared list of needs and who is meeting them: duplication and gaps both cost lives.",
                    ),
                ],
            ),
        ],
        "quiz": (
            "Preparedness quiz",
            [
                _q(
                    "What is the first priority when a disaster strikes?",
                    [
                        ("Protecting life", True),
                        ("Protecting government buildings", False),
                        ("Informing the media", False),
                    ],
                    "Life first, then property and services.",
                ),
                _q(
                    "Which belong in a district response plan?",
                    [
                        ("Shelter locations", True),
                        ("How warnings reach people with disabilities", True),
                        ("The officers' holiday rota", False),
                    ],
                    "The plan covers roles, places, stocks and warnings for everyone.",
                    "multiple",
                ),
            ],
        ),
    },
    {
        "slug": "ethique-et-deontologie-du-fonctionnaire",
        "provider": "public-service-commission",
        "title": "Éthique et déontologie du fonctionnaire",
        "language": "fr",
        "hours": "3.0",
        "level": "foundation",
        "summary": "Identifier les conflits d'intérêts, gérer cadeaux et invitations, et savoir signaler un manquement.",
        "competencies": [("BEH-INT", "proficient")],
        "modules": [
            (
                "Les principes",
                [
                    (
                        "La confiance du public",
                        "Les citoyens acceptent une décision qui leur déplaît quand ils ont confiance dans la manière dont elle a été prise. Le code de déontologie traduit cette confiance en règles : impartialité, probité, neutralité.",
                    ),
                    (
                        "Les conflits d'intérêts",
                        "Il y a conflit d'intérêts dès qu'un intérêt privé peut raisonnablement paraître influencer une fonction publique. Déclarez-le par écrit et retirez-vous de la décision.",
                    ),
                ],
            ),
            (
                "Les situations courantes",
                [
                    (
                        "Cadeaux et invitations",
                        "Refusez tout cadeau qui pourrait passer pour la récompense d'une décision. Inscrivez au registre ceux que vous pouvez accepter.",
                    ),
                    (
                        "Signaler un manquement",
                        "Adressez-vous à votre supérieur ou au référent déontologue. La loi protège l'agent qui signale de bonne foi par la voie prévue.",
                    ),
                ],
            ),
        ],
        "quiz": (
            "Vérifiez vos acquis",
            [
                _q(
                    "Un candidat à un marché que vous évaluez vous invite à un dîner coûteux. Que faites-vous ?",
                    [
                        ("Je refuse et je le consigne", True),
                        ("J'accepte si je paie ma part", False),
                        ("J'accepte, ce n'est qu'un dîner", False),
                    ],
                    "Une invitation d'un candidat pendant la procédure peut passer pour une influence.",
                ),
                _q(
                    "Que devez-vous déclarer ?",
                    [
                        (
                            "Votre conjoint détient des parts d'une entreprise que vous contrôlez",
                            True,
                        ),
                        ("Un ancien camarade travaille pour un candidat à votre marché", True),
                        ("Vous lisez un journal critique envers le ministère", False),
                    ],
                    "Déclarez tout ce qu'une personne raisonnable pourrait juger influent.",
                    "multiple",
                ),
            ],
        ),
    },
    {
        "slug": "accueil-et-qualite-du-service-aux-usagers",
        "provider": "national-school-of-government",
        "title": "Accueil et qualité du service aux usagers",
        "language": "fr",
        "hours": "2.0",
        "level": "foundation",
        "summary": "Accueillir chaque usager avec respect, répondre clairement et traiter une réclamation jusqu'au bout.",
        "competencies": [("BEH-CIT", "proficient"), ("BEH-COM", "developing")],
        "modules": [
            (
                "L'accueil",
                [
                    (
                        "Les premières minutes",
                        "Saluez, présentez-vous, écoutez la demande jusqu'au bout avant de répondre. Reformulez pour vérifier que vous avez compris.",
                    ),
                    (
                        "Un langage clair",
                        "Évitez les sigles et le jargon administratif ; dites à l'usager ce qu'il doit faire, dans quel délai et auprès de qui.",
                    ),
                ],
            ),
            (
                "Les réclamations",
                [
                    (
                        "Recevoir une réclamation",
                        "Remerciez l'usager de son signalement, enregistrez la réclamation et indiquez le délai de réponse.",
                    ),
                    (
                        "Répondre et apprendre",
                        "Répondez par écrit, expliquez ce qui sera corrigé, et partagez les causes récurrentes avec votre équipe.",
                    ),
                ],
            ),
        ],
        "quiz": (
            "Quiz accueil",
            [
                _q(
                    "Que faites-vous avant de répondre à un usager ?",
                    [
                        ("J'écoute sa demande jusqu'au bout et je la reformule", True),
                        ("Je lui donne le formulaire habituel", False),
                    ],
                    "Reformuler évite les malentendus.",
                ),
                _q(
                    "Une réclamation reçue doit être…",
                    [
                        ("Enregistrée avec un délai de réponse", True),
                        ("Transmise oralement au chef de service", False),
                    ],
                    "L'enregistrement garantit le suivi.",
                ),
            ],
        ),
    },
    {
        "slug": "gestion-budgetaire-et-comptable-publique",
        "provider": "institute-of-public-finance",
        "title": "Gestion budgétaire et comptable publique",
        "language": "fr",
        "hours": "6.5",
        "level": "intermediate",
        "summary": "Maîtriser la chaîne de la dépense : engagement, liquidation, ordonnancement et paiement.",
        "competencies": [("FUN-FIN", "proficient")],
        "modules": [
            (
                "La chaîne de la dépense",
                [
                    (
                        "Engagement et liquidation",
                        "L'engagement crée l'obligation de payer ; la liquidation vérifie le service fait et arrête le montant exact de la dette.",
                    ),
                    (
                        "Ordonnancement et paiement",
                        "L'ordonnateur donne l'ordre de payer ; le comptable public contrôle la régularité puis paie. Les deux fonctions sont séparées.",
                    ),
                ],
            ),
            (
                "Le contrôle",
                [
                    (
                        "Le contrôle du comptable",
                        "Le comptable vérifie la qualité de l'ordonnateur, la disponibilité des crédits, l'exactitude des calculs et les pièces justificatives.",
                    ),
                    (
                        "Rendre compte",
                        "Les comptes de l'exercice sont arrêtés puis soumis à la juridiction financière, qui juge la régularité des opérations.",
                    ),
                ],
            ),
        ],
        "quiz": (
            "Quiz dépense publique",
            [
                _q(
                    "Quelle étape constate le service fait ?",
                    [("La liquidation", True), ("L'engagement", False), ("Le paiement", False)],
                    "La liquidation vérifie le service fait et arrête le montant.",
                ),
                _q(
                    "Pourquoi séparer ordonnateur et comptable ?",
                    [
                        ("Pour qu'aucune personne seule ne décide et ne paie", True),
                        ("Pour accélérer les paiements", False),
                    ],
                    "La séparation des fonctions prévient erreurs et fraudes.",
                ),
            ],
        ),
    },
    {
        "slug": "piloter-la-transformation-numerique",
        "provider": "brightpath-digital",
        "title": "Piloter la transformation numérique d'un service",
        "language": "fr",
        "hours": "4.5",
        "level": "advanced",
        "summary": "Conduire la dématérialisation d'une démarche : besoins des usagers, équipe produit, sécurité et accessibilité.",
        "competencies": [("FUN-DIG", "advanced"), ("BEH-ADA", "proficient")],
        "modules": [
            (
                "Partir des usagers",
                [
                    (
                        "Choisir la démarche",
                        "Commencez par la démarche la plus utilisée ou la plus pénible pour les usagers ; mesurez le taux d'abandon actuel.",
                    ),
                    (
                        "Une équipe produit",
                        "Une petite équipe pluridisciplinaire, dotée d'un responsable produit qui décide, livre plus vite qu'un long cahier des charges.",
                    ),
                ],
            ),
            (
                "Livrer un service sûr et accessible",
                [
                    (
                        "Accessibilité",
                        "Un service public en ligne doit être utilisable par tous, y compris au lecteur d'écran et au clavier ; testez-le avec des personnes handicapées.",
                    ),
                    (
                        "Sécurité et données",
                        "Ne collectez que les données nécessaires, chiffrez-les et prévoyez la durée de conservation dès la conception.",
                    ),
                ],
            ),
        ],
        "quiz": (
            "Quiz transformation numérique",
            [
                _q(
                    "Par quelle démarche commencer ?",
                    [
                        ("La plus utilisée ou la plus pénible pour les usagers", True),
                        ("La plus simple à programmer", False),
                    ],
                    "L'impact pour les usagers guide le choix.",
                ),
                _q(
                    "Quelles pratiques rendent un service accessible ?",
                    [
                        ("Le tester au lecteur d'écran", True),
                        ("Permettre la navigation au clavier", True),
                        ("Réserver le service aux navigateurs récents", False),
                    ],
                    "L'accessibilité se vérifie avec les usagers concernés.",
                    "multiple",
                ),
            ],
        ),
    },
]
