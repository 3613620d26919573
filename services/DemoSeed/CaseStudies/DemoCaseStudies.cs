namespace ChampionNetwork.DemoSeed.CaseStudies;

/// <summary>
/// Four demo case studies, retold in our own words from the examples in Annex A of the Mental Health and Wellbeing
/// Workforce Action Plan: the quotes below are illustrative paraphrases, not the Plan's text. One quotes people with
/// their consent and changed names; one is withdrawn with its public explanation; one has a second, minor edition.
/// </summary>
internal static class DemoCaseStudies
{
    public sealed record DemoPerson(string Key, string ShownAs, string Role, bool NameChanged, string GivenBy);

    public sealed record DemoCaseStudy(
        string OrganisationCode,
        string Title,
        string Summary,
        string Body,
        string[] Pillars,
        string[] OutcomeCodes,
        DemoPerson[] People,
        string? WithdrawalExplanation = null,
        string? MinorRevision = null);

    public static IReadOnlyList<DemoCaseStudy> All { get; } =
    [
        new(
            "NB-NES",
            "Psychological interventions closer to home: the Enhanced Psychological Practice programme",
            "A postgraduate certificate that prepares staff to offer evidence-based psychological help for mild to moderate difficulties, with specialist supervision, in primary care, perinatal services and prisons.",
            """
            ## What was done

            NHS Education for Scotland runs a postgraduate certificate that equips staff to deliver structured psychological
            interventions for mild to moderate difficulties, backed by specialist supervision. It is growing in phases, with the
            aim of qualifying around a hundred practitioners a year, who between them could help well over a thousand more
            people each year.

            Graduates now work in adult and children's services: primary care, maternity and neonatal care, and prisons.

            ## What people told us

            A person who used the service said that their practitioner, *Lucy*, helped them face their worries and, in
            time, manage them on their own; clinical knowledge together with therapeutic skill made the difference.

            A guided self-help worker told us the programme widened what their service offers and made evidence-based help
            easier to reach. An assistant psychologist working in prisons described protected time for interventions that
            help people recognise and manage their emotions.

            ## What happens next

            A short-life working group of government, NES, trade unions and employers is looking at new roles built on the
            programme, adding capacity alongside existing psychological services.
            """,
            ["Train"],
            ["TRAIN-S1", "NURTURE-S3"],
            [
                new("service-user-1", "Lucy's client", "Person who used the service", true, "The person quoted"),
                new("self-help-worker", "A guided self-help worker", "Self-help worker, primary care", false, "The person quoted"),
            ],
            MinorRevision: "Corrected the description of the programme's settings."),
        new(
            "S08000024",
            "Earn while you learn: a salaried route into mental health nursing",
            "NHS Lothian and the Open University opened a paid route to a nursing degree for people who could not live on a student bursary.",
            """
            ## What was done

            To close vacancy gaps, the Royal Edinburgh Hospital and associated services worked with the Open University on a
            pilot: trainees are employed on permanent contracts as healthcare support workers while they study for a nursing
            degree, with fees, study leave and supervision paid by the board.

            The adverts went out after the universities had filled their places, so as not to draw people away from the usual
            route. Interest far outstripped the twenty places offered each year.

            ## What trainees told us

            Trainees said they had wanted to nurse for years but had a family or a mortgage, and could not have managed on a
            bursary. They told us the programme made a lifelong ambition possible.
            """,
            ["Attract", "Train"],
            ["ATTRACT-S2", "TRAIN-S2"],
            [new("trainee-1", "A mental health nurse trainee", "Trainee, first intake", false, "The person quoted")]),
        new(
            "S37000003",
            "Peer support in every GP practice in Angus",
            "Angus moved mental health care upstream: peer workers in every GP practice give quick, local support and link people into the help they need.",
            """
            ## What was done

            With Scottish Government funding, Angus Integrated Mental Health Service commissioned third-sector peer support in
            every GP practice, working within a triage hub where primary care, adult mental health, psychology, peers and
            substance use staff decide together who is best placed to help. No referral is turned away.

            Peers offer up to three sessions, share coping strategies they have used themselves or been trained in, and help
            people find online and community support.

            ## Why it matters for the workforce

            Early, low-barrier support eases the pressure on statutory services and on GP practices, and gives staff a clear
            place to send people who need someone to talk to now.
            """,
            ["Nurture"],
            ["NURTURE-S3"],
            []),
        new(
            "S08000024",
            "Lifelines Scotland: helping emergency responders stay well",
            "A national project hosted by NHS Lothian that helps ambulance, fire, police and volunteer responders look after their wellbeing through demanding careers.",
            """
            ## What was done

            Lifelines Scotland, hosted by the Rivers Centre for Traumatic Stress, works with government, statutory and
            voluntary partners on a preventative approach: helping people stay well while they work or volunteer in demanding
            roles, from recruitment to retirement, and supporting their families and employers too.

            Its website has sections for each emergency service and for volunteer responders, and tens of thousands of people
            have used it.
            """,
            ["Nurture", "Train"],
            ["NURTURE-S1"],
            [],
            WithdrawalExplanation: "The visitor figures and links in this case study are out of date. It is withdrawn while the project prepares a new edition."),
    ];
}
