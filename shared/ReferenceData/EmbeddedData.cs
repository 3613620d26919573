using System.Text;

namespace ChampionNetwork.ReferenceData;

/// <summary>Reads the CSV files embedded from <c>Data/</c>.</summary>
internal static class EmbeddedData
{
    public const string Areas = "areas.csv";
    public const string SupersededCodes = "superseded-codes.csv";
    public const string ActionPlanOutcomes = "action-plan-outcomes.csv";

    private const string Prefix = "ChampionNetwork.ReferenceData.Data.";

    public static string ReadText(string fileName)
    {
        var assembly = typeof(EmbeddedData).Assembly;
        using var stream = assembly.GetManifestResourceStream(Prefix + fileName)
            ?? throw new InvalidOperationException($"Embedded resource '{Prefix + fileName}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    public static CsvTable ReadTable(string fileName) => CsvTable.Parse(ReadText(fileName), fileName);
}
