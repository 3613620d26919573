using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MassTransit;
using RabbitMQ.Client;

namespace ChampionNetwork.Messaging.Tests.Privacy;

/// <summary>
/// A message as a broker administrator reads it: every basic property, every header and every JSON value of the body,
/// flattened to (where, value) pairs.
/// </summary>
public sealed partial class RawAmqpMessage
{
    private RawAmqpMessage(IReadOnlyList<(string Where, object? Value)> fields, string body)
    {
        Fields = fields;
        Body = body;
    }

    public IReadOnlyList<(string Where, object? Value)> Fields { get; }

    public string Body { get; }

    public IEnumerable<(string Where, string Value)> Headers => Fields
        .Where(f => f.Where.StartsWith("headers.", StringComparison.Ordinal))
        .Select(f => (f.Where, Convert.ToString(f.Value, CultureInfo.InvariantCulture) ?? ""));

    public static RawAmqpMessage From(BasicGetResult result)
    {
        var fields = new List<(string, object?)>();
        var p = result.BasicProperties;
        fields.Add(("properties.message_id", p.MessageId));
        fields.Add(("properties.correlation_id", p.CorrelationId));
        fields.Add(("properties.app_id", p.AppId));
        fields.Add(("properties.user_id", p.UserId));
        fields.Add(("properties.type", p.Type));
        fields.Add(("properties.cluster_id", p.ClusterId));
        fields.Add(("properties.expiration", p.Expiration));
        fields.Add(("properties.reply_to", p.ReplyTo));
        fields.Add(("properties.content_type", p.ContentType));
        if (p.IsTimestampPresent())
        {
            fields.Add(("properties.timestamp", p.Timestamp.UnixTime));
        }

        foreach (var (key, value) in p.Headers ?? new Dictionary<string, object?>())
        {
            Flatten($"headers.{key}", value, fields);
        }

        var body = Encoding.UTF8.GetString(result.Body.Span);
        using (var json = JsonDocument.Parse(body))
        {
            FlattenJson("body", json.RootElement, fields);
        }

        return new RawAmqpMessage(fields, body);
    }

    /// <summary>
    /// Every value that dates the message finer than the day, as "where = value (reading)": an ISO 8601 time of day
    /// other than midnight, a Unix time in seconds or milliseconds or .NET ticks near <paramref name="around"/> that is
    /// not a midnight, and an id that is a NewId or a UUIDv7 made near <paramref name="around"/>.
    /// </summary>
    public IReadOnlyList<string> TimesFinerThanTheDay(DateTimeOffset around)
    {
        var found = new List<string>();
        foreach (var (where, value) in Fields)
        {
            foreach (var reading in Readings(value, around))
            {
                found.Add($"{where} = {value} ({reading})");
            }
        }

        return found;
    }

    private static IEnumerable<string> Readings(object? value, DateTimeOffset around)
    {
        switch (value)
        {
            case null:
                yield break;
            case string text:
                foreach (Match match in IsoDateTime().Matches(text))
                {
                    if (DateTimeOffset.TryParse(match.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                        && parsed.UtcDateTime.TimeOfDay != TimeSpan.Zero)
                    {
                        yield return $"ISO 8601 time {parsed.UtcDateTime:O}";
                    }
                }

                foreach (Match match in Digits().Matches(text))
                {
                    if (long.TryParse(match.Value, CultureInfo.InvariantCulture, out var number) && EpochReading(number, around) is { } epoch)
                    {
                        yield return epoch;
                    }
                }

                foreach (Match match in GuidText().Matches(text))
                {
                    if (Guid.TryParse(match.Value, out var id) && IdReading(id, around) is { } dated)
                    {
                        yield return dated;
                    }
                }

                break;
            case IConvertible number when value is long or int or ulong or uint or double or decimal:
                if (EpochReading(Convert.ToInt64(number, CultureInfo.InvariantCulture), around) is { } reading)
                {
                    yield return reading;
                }

                break;
        }
    }

    private static string? EpochReading(long number, DateTimeOffset around)
    {
        var window = TimeSpan.FromDays(2);
        bool Near(DateTimeOffset t) => (t - around).Duration() < window;

        if (number is > 0 and < 253402300799 && DateTimeOffset.FromUnixTimeSeconds(number) is var seconds && Near(seconds) && number % 86400 != 0)
        {
            return $"Unix seconds {seconds:O}";
        }

        if (number is > 0 and < 253402300799999 && DateTimeOffset.FromUnixTimeMilliseconds(number) is var millis && Near(millis) && number % 86_400_000 != 0)
        {
            return $"Unix milliseconds {millis:O}";
        }

        if (number > 0 && number < DateTime.MaxValue.Ticks && new DateTimeOffset(number, TimeSpan.Zero) is var ticks && Near(ticks) && number % TimeSpan.TicksPerDay != 0)
        {
            return $".NET ticks {ticks:O}";
        }

        return null;
    }

    private static string? IdReading(Guid id, DateTimeOffset around)
    {
        var window = TimeSpan.FromDays(2);
        var newId = NewId.FromGuid(id).Timestamp;
        if (newId > DateTime.MinValue && newId < DateTime.MaxValue && (new DateTimeOffset(newId, TimeSpan.Zero) - around).Duration() < window)
        {
            return $"NewId made at {newId:O}";
        }

        var bytes = id.ToByteArray(bigEndian: true);
        if (bytes[6] >> 4 == 7)
        {
            var unixMs = ((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5];
            var made = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
            if ((made - around).Duration() < window)
            {
                return $"UUIDv7 made at {made:O}";
            }
        }

        return null;
    }

    private static void Flatten(string where, object? value, List<(string, object?)> fields)
    {
        switch (value)
        {
            case byte[] bytes:
                fields.Add((where, Encoding.UTF8.GetString(bytes)));
                break;
            case AmqpTimestamp timestamp:
                fields.Add((where, timestamp.UnixTime));
                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    Flatten($"{where}.{entry.Key}", entry.Value, fields);
                }

                break;
            case IEnumerable list and not string:
                var i = 0;
                foreach (var item in list)
                {
                    Flatten($"{where}[{i++}]", item, fields);
                }

                break;
            default:
                fields.Add((where, value));
                break;
        }
    }

    private static void FlattenJson(string where, JsonElement element, List<(string, object?)> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    FlattenJson($"{where}.{property.Name}", property.Value, fields);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    FlattenJson($"{where}[{i++}]", item, fields);
                }

                break;
            case JsonValueKind.String:
                fields.Add((where, element.GetString()));
                break;
            case JsonValueKind.Number:
                fields.Add((where, element.TryGetInt64(out var whole) ? whole : element.GetDouble()));
                break;
            default:
                fields.Add((where, element.ToString()));
                break;
        }
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"(?<![\w.-])\d{9,19}(?![\w.-])")]
    private static partial Regex Digits();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidText();
}
