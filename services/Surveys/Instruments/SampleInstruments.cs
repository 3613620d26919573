namespace ChampionNetwork.Surveys.Instruments;

/// <summary>
/// The demo "Workforce wellbeing pulse": our own wording (not WEMWBS or iMatter, which are copyrighted),
/// each item tagged with the Action Plan outcome it informs.
/// </summary>
public static class SampleInstruments
{
    public static readonly Guid WorkforceWellbeingPulseId = Guid.Parse("5e1f3a52-7b0c-4c53-9a7e-2f4b8d1c6a01");

    public const string PulseDescription = "A short, anonymous pulse of how health and social care staff are doing, tagged to the Action Plan's outcomes.";

    public static InstrumentVersion WorkforceWellbeingPulse(DateTimeOffset publishedAt) => new()
    {
        InstrumentId = WorkforceWellbeingPulseId,
        Version = 1,
        Title = "Workforce wellbeing pulse",
        PublishedAt = publishedAt,
        Items =
        [
            new("valued", "I feel valued for the work I do", ItemKind.Likert, "Employ", ["EMPLOY-S1"], Required: true),
            new("workload", "My workload is manageable", ItemKind.Likert, "Nurture", ["NURTURE-S1"], Required: true),
            new("support", "I know how to get wellbeing support if I need it", ItemKind.Likert, "Nurture", ["NURTURE-S3"], Required: true),
            new("supervision", "I have regular supervision, coaching or reflective practice", ItemKind.Likert, "Nurture", ["NURTURE-S4"], Required: false),
            new("training", "I can take part in the training my role needs", ItemKind.Likert, "Train", ["TRAIN-S1"], Required: false),
            new("local-services", "I know the other services in my area and how to link people into them", ItemKind.Likert, "Train", ["TRAIN-S4"], Required: false),
            new("recommend", "How likely are you to recommend your organisation as a place to work? (0 to 10)", ItemKind.Scale, "Attract", ["ATTRACT-S3"], Required: false),
            new("one-change", "What one change would most improve your wellbeing at work?", ItemKind.FreeText, "Nurture", ["NURTURE-S1"], Required: false),
        ],
    };
}
