using System.Text;

namespace ChampionNetwork.EndToEnd.Tests;

/// <summary>
/// Generates requests that must all be refused: broken JSON, wrong types, huge strings and bodies, unknown fields
/// (always with something else wrong), path traversal in ids, invalid UTF-8, and missing or forged tokens.
/// None of them may succeed, so the data must be the same afterwards.
/// </summary>
internal sealed class MalformedRequests(Random random, Func<string, string?> tokenFor)
{
    public enum Service
    {
        Surveys,
        InsightHub,
    }

    /// <summary>A request; <paramref name="Field"/> is the field the validator must name when it aims at the validator.</summary>
    public sealed record Request(Service Target, HttpMethod Method, string Path, byte[]? Body, string? Token, string Kind, string? Field = null)
    {
        public override string ToString() => $"{Kind}: {Method} {Path}";
    }

    private static readonly string[] Traversals =
    [
        "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "..%5C..%5Cwindows", "%00", "%252e%252e%252f", "....//....//", "%C0%AE%C0%AE%2F",
        new string('9', 5000), "S08000015%27%20OR%201%3D1--", "%7B%7D", "NaN", "-1", "0x41",
    ];

    /// <summary>The open demo campaign, and a member organisation of it that the champion's token names.</summary>
    public static readonly Guid OpenCampaign = Guid.Parse("0d3c5a8e-1f2b-4c7d-9e6a-5b4f3e2d1c01");

    public const string IncludedOrganisation = "S08000015";

    private static readonly string[] ValidatorKinds =
    [
        "value-out-of-range", "unknown-item", "duplicate-item", "required-missing", "no-answers", "no-organisation",
        "unknown-organisation", "organisation-not-invited", "text-on-likert", "text-too-long", "text-blank",
        "value-on-free-text", "unknown-theme", "null-answer", "control-character", "scale-out-of-range",
    ];

    /// <summary>JSON escapes of characters a comment may not hold: NUL, which PostgreSQL refuses, and other controls.</summary>
    private static readonly string[] ControlCharacters = [@"\u0000", @"\u0007", @"\u001b", @"\u007f", @"\u0085", @"\u009b"];

    private static readonly string[] Kinds = ["broken-json", "wrong-types", "huge-string", "huge-body", "unknown-fields", "path-traversal", "invalid-utf8", "missing-token", "forged-token"];

    public Request Next()
    {
        // Two in five go to the open campaign with a valid token for an organisation it includes, as well-formed JSON
        // that only the response validator can refuse.
        if (random.Next(5) < 2)
        {
            return ToValidator();
        }

        var kind = Kinds[random.Next(Kinds.Length)];
        var endpoint = random.Next(11);
        return endpoint switch
        {
            0 => Body(Service.Surveys, HttpMethod.Post, "/api/instruments", "admin", kind, InstrumentBody),
            1 => Body(Service.Surveys, HttpMethod.Post, $"/api/instruments/{Id(kind)}/versions", "admin", kind, VersionBody),
            2 => Body(Service.Surveys, HttpMethod.Put, $"/api/instruments/{Id(kind)}/versions/{Number(kind)}", "admin", kind, VersionBody),
            3 => Body(Service.Surveys, HttpMethod.Post, "/api/campaigns", "admin", kind, CampaignBody),
            4 => Body(Service.Surveys, HttpMethod.Post, $"/api/campaigns/{Id(kind)}/responses", "champion", kind, ResponseBody),
            5 => Get(Service.Surveys, $"/api/instruments/{Id(kind)}/versions/{Number(kind)}", null, kind),
            6 => Get(Service.Surveys, $"/api/campaigns/{Id(kind)}?status={Query(kind)}", "admin", kind),
            7 => Get(Service.InsightHub, $"/api/feeds/areas/{Area(kind)}?campaign={Query(kind)}", "policy-analyst", kind),
            8 => Get(Service.InsightHub, $"/api/feeds/insight.csv?campaign={Query(kind)}&area={Area(kind)}&pillar={Query(kind)}", "policy-analyst", kind),
            9 => Get(Service.InsightHub, $"/api/feeds/insight.atom?campaign={Query(kind)}", "policy-analyst", kind),
            // Never a valid replay: it would reset data. Malformed ids, or a caller who is not an admin.
            _ => new Request(Service.InsightHub, HttpMethod.Post, $"/api/admin/campaigns/{Traversals[random.Next(Traversals.Length)]}/replay", null, kind == "forged-token" ? Forged() : tokenFor("champion"), kind),
        };
    }

    private Request ToValidator()
    {
        var kind = ValidatorKinds[random.Next(ValidatorKinds.Length)];
        var valued = random.Next(1, 6);
        var (field, json) = kind switch
        {
            "value-out-of-range" => ("answers[0].value", Submission(Required(random.Next(2) == 0 ? random.Next(-1000, 1) : random.Next(6, 1000)))),
            "unknown-item" => ("answers[3].itemId", Submission(Required(valued) + $$""", { "itemId": "item-{{random.Next()}}", "value": 3 }""")),
            "duplicate-item" => ("answers[3].itemId", Submission(Required(valued) + """, { "itemId": "workload", "value": 2 }""")),
            "required-missing" => ("answers", Submission($$"""{ "itemId": "valued", "value": {{valued}} }""")),
            "no-answers" => ("answers", $$"""{ "organisationCode": "{{IncludedOrganisation}}" }"""),
            "no-organisation" => ("organisationCode", $$"""{ "answers": [ {{Required(valued)}} ] }"""),
            "unknown-organisation" => ("organisationCode", Submission(Required(valued), $"X{random.Next(10_000_000, 99_999_999)}")),
            "organisation-not-invited" => ("organisationCode", Submission(Required(valued), "S92000003")),
            "text-on-likert" => ("answers[1].text", Submission($$"""{ "itemId": "valued", "value": {{valued}} }, { "itemId": "workload", "value": 3, "text": "busy" }, { "itemId": "support", "value": 4 }""")),
            "text-too-long" => ("answers[3].text", Submission(Required(valued) + $$""", { "itemId": "one-change", "text": "{{new string('w', 2001 + random.Next(5000))}}" }""")),
            "text-blank" => ("answers[3].text", Submission(Required(valued) + """, { "itemId": "one-change", "text": "   " }""")),
            "value-on-free-text" => ("answers[3].value", Submission(Required(valued) + """, { "itemId": "one-change", "value": 2, "text": "more staff" }""")),
            "unknown-theme" => ("answers[3].themes[0]", Submission(Required(valued) + """, { "itemId": "one-change", "text": "more staff", "themes": ["Everything"] }""")),
            "control-character" => ("answers[3].text", Submission(Required(valued) + $$""", { "itemId": "one-change", "text": "more staff{{ControlCharacters[random.Next(ControlCharacters.Length)]}}please" }""")),
            "null-answer" => ("answers[1]", Submission($$"""{ "itemId": "valued", "value": {{valued}} }, null, { "itemId": "workload", "value": 3 }, { "itemId": "support", "value": 4 }""")),
            _ => ("answers[3].value", Submission(Required(valued) + $$""", { "itemId": "recommend", "value": {{random.Next(11, 100)}} }""")),
        };

        return new Request(
            Service.Surveys,
            HttpMethod.Post,
            $"/api/campaigns/{OpenCampaign}/responses",
            Encoding.UTF8.GetBytes(json),
            tokenFor("champion"),
            "validator:" + kind,
            field);

        static string Required(int valued) =>
            $$"""{ "itemId": "valued", "value": {{valued}} }, { "itemId": "workload", "value": 3 }, { "itemId": "support", "value": 4 }""";

        static string Submission(string answers, string organisation = IncludedOrganisation) =>
            $$"""{ "organisationCode": "{{organisation}}", "answers": [ {{answers}} ] }""";
    }

    private Request Body(Service target, HttpMethod method, string path, string role, string kind, Func<string, string> validish)
    {
        var token = kind switch
        {
            "missing-token" => null,
            "forged-token" => Forged(),
            _ => tokenFor(role),
        };
        byte[] body = kind switch
        {
            "broken-json" => Encoding.UTF8.GetBytes(Break(validish("ok"))),
            "wrong-types" => Encoding.UTF8.GetBytes(validish("wrong-types")),
            "huge-string" => Encoding.UTF8.GetBytes(validish("huge-string")),
            "huge-body" => Encoding.UTF8.GetBytes("{\"title\":\"" + new string('x', 2 * 1024 * 1024) + "\"}"),
            "unknown-fields" => Encoding.UTF8.GetBytes(validish("unknown-fields")),
            "invalid-utf8" => InvalidUtf8(validish("ok")),
            // Path traversal carries its damage in the path; missing and forged tokens in the header.
            // The "ok" bodies are still invalid, so that nothing could be stored even if a check were missing.
            _ => Encoding.UTF8.GetBytes(validish("ok")),
        };

        return new Request(target, method, path, body, token, kind);
    }

    private Request Get(Service target, string path, string? role, string kind) => new(
        target,
        HttpMethod.Get,
        path,
        null,
        kind switch { "missing-token" => null, "forged-token" => Forged(), _ => role is null ? null : tokenFor(role) },
        kind);

    private string Id(string kind) => kind == "path-traversal" ? Traversals[random.Next(Traversals.Length)] : Guid.NewGuid().ToString();

    private string Number(string kind) => kind == "path-traversal" ? Traversals[random.Next(Traversals.Length)] : random.Next(-5, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Area(string kind) => kind == "path-traversal" ? Traversals[random.Next(Traversals.Length)] : random.Next(3) == 0 ? "S08000015" : "X" + random.Next();

    private string Query(string kind) => kind switch
    {
        "path-traversal" => Traversals[random.Next(Traversals.Length)],
        "huge-string" => new string('q', 20_000),
        "invalid-utf8" => "%C3%28%FF",
        _ => random.Next(3) == 0 ? "" : "not-a-guid",
    };

    private string Break(string json) => random.Next(4) switch
    {
        0 => json[..Math.Max(1, random.Next(json.Length))],
        1 => json.Replace(":", "", StringComparison.Ordinal),
        2 => "{" + json,
        _ => json.Replace("\"", "'", StringComparison.Ordinal),
    };

    private byte[] InvalidUtf8(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var quote = bytes.IndexOf((byte)'"', Math.Min(bytes.Count - 1, 2));
        bytes.InsertRange(Math.Max(0, quote + 1), [0xC3, 0x28, 0xFF, 0xFE]);
        return [.. bytes];
    }

    private static string Forged() => TestInfrastructure.Identity.TestIdentity.Forged("admin", "S08000015");

    private static string InstrumentBody(string variant) => variant switch
    {
        "wrong-types" => """{ "title": 12345, "description": ["not", "a", "string"] }""",
        "huge-string" => $$"""{ "title": "{{new string('t', 100_000)}}" }""",
        "unknown-fields" => """{ "title": "", "zzz": { "nested": [1, 2, 3] }, "__proto__": null }""",
        _ => """{ "title": "" }""",
    };

    private static string VersionBody(string variant) => variant switch
    {
        "wrong-types" => """{ "version": "one", "items": { "id": 5 } }""",
        "huge-string" => $$"""{ "items": [ { "id": "x", "text": "{{new string('t', 100_000)}}", "kind": "Likert", "pillar": "Employ", "outcomeCodes": ["EMPLOY-S1"] } ] }""",
        "unknown-fields" => """{ "items": [ { "id": "BAD ID", "text": "x", "kind": "Likert", "pillar": "Employ", "outcomeCodes": ["EMPLOY-S1"], "extra": true } ], "unknown": 1 }""",
        _ => """{ "items": [ { "id": "BAD ID", "text": "x", "kind": "Likert", "pillar": "Employ", "outcomeCodes": ["EMPLOY-S1"] } ] }""",
    };

    private static string CampaignBody(string variant) => variant switch
    {
        "wrong-types" => """{ "title": true, "instrumentId": 7, "instrumentVersion": "v1", "opensAt": "yesterday", "closesAt": 0, "organisations": "all" }""",
        "huge-string" => $$"""{ "title": "{{new string('t', 100_000)}}", "organisations": [ { "organisationCode": "{{new string('S', 50_000)}}", "eligibleHeadcount": 1 } ] }""",
        "unknown-fields" => """{ "title": "x", "instrumentId": "5e1f3a52-7b0c-4c53-9a7e-2f4b8d1c6a01", "instrumentVersion": 99, "closesAt": "2001-01-01T00:00:00Z", "organisations": [], "sneaky": "field" }""",
        _ => """{ "title": "", "organisations": [] }""",
    };

    private static string ResponseBody(string variant) => variant switch
    {
        "wrong-types" => """{ "organisationCode": 15, "answers": [ { "itemId": 1, "value": "four" } ] }""",
        "huge-string" => $$"""{ "organisationCode": "S08000015", "answers": [ { "itemId": "valued", "value": 4 }, { "itemId": "workload", "value": 3 }, { "itemId": "support", "value": 5 }, { "itemId": "one-change", "text": "{{new string('t', 100_000)}}" } ] }""",
        "unknown-fields" => """{ "organisationCode": "S08000015", "answers": [ { "itemId": "valued", "value": 42, "bonus": 1 } ], "championId": "me" }""",
        _ => """{ "organisationCode": "S08000015", "answers": [ { "itemId": "valued", "value": 9 } ] }""",
    };
}
