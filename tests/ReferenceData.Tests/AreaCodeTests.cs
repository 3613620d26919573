using System.Text.Json;

namespace ChampionNetwork.ReferenceData.Tests;

public class AreaCodeTests
{
    [Theory]
    [InlineData("S08000029", "S08000029")]
    [InlineData("s08000029", "S08000029")]
    [InlineData("  S92000003 ", "S92000003")]
    [InlineData("NB-SSSC", "NB-SSSC")]
    [InlineData("nb-nhs24", "NB-NHS24")]
    [InlineData("NB-A-B2", "NB-A-B2")]
    public void Well_formed_codes_parse_to_their_upper_case_form(string input, string expected)
    {
        Assert.True(AreaCode.TryParse(input, out var code));
        Assert.Equal(expected, code.Value);
        Assert.Equal(expected, code.ToString());
        Assert.Equal(code, AreaCode.Parse(input, null));
    }

    [Theory]
    [InlineData("S0800001")]      // 7 digits
    [InlineData("S080000290")]    // 9 digits
    [InlineData("X12345678")]     // not S
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("S0800002A")]
    [InlineData("S0800002\u0663")] // Arabic-Indic digit three
    [InlineData("NB-")]
    [InlineData("NB")]
    [InlineData("NB--X")]
    [InlineData("NB-X-")]
    [InlineData("NB-SS SC")]
    [InlineData("NB-\u0131X")]      // dotless i upper-cases to I; must not sneak in
    [InlineData("S08 000029")]
    public void Malformed_codes_are_rejected(string input)
    {
        Assert.False(AreaCode.TryParse(input, out _));
        Assert.False(AreaCode.IsValid(input));
        Assert.Throws<FormatException>(() => AreaCode.Parse(input, null));
    }

    [Fact]
    public void Null_is_rejected()
    {
        Assert.False(AreaCode.TryParse(null, out var code));
        Assert.True(code.IsEmpty);
        Assert.Throws<ArgumentNullException>(() => AreaCode.Parse(null!, null));
    }

    [Fact]
    public void Scotland_is_S92000003()
    {
        Assert.Equal("S92000003", AreaCode.Scotland.Value);
        Assert.True(AreaCode.Scotland.IsGss);
        Assert.False(AreaCode.Scotland.IsNationalBody);
    }

    [Fact]
    public void Codes_differing_only_in_case_are_equal()
    {
        Assert.Equal(AreaCode.Parse("nb-sssc"), AreaCode.Parse("NB-SSSC"));
        Assert.Equal(AreaCode.Parse("s12000005").GetHashCode(), AreaCode.Parse("S12000005").GetHashCode());
    }

    [Fact]
    public void Default_code_is_empty()
    {
        var code = default(AreaCode);
        Assert.True(code.IsEmpty);
        Assert.Equal(string.Empty, code.Value);
        Assert.Equal(string.Empty, code.ToString());
    }

    [Fact]
    public void Codes_sort_ordinally()
    {
        var codes = new[] { "S92000003", "NB-SSSC", "S08000029", "S08000015" }.Select(AreaCode.Parse).Order().Select(c => c.Value);
        Assert.Equal(["NB-SSSC", "S08000015", "S08000029", "S92000003"], codes);
        Assert.True(AreaCode.Parse("S08000015") < AreaCode.Parse("S08000029"));
    }

    [Fact]
    public void AreaCode_serialises_to_JSON_as_a_plain_string()
    {
        var json = JsonSerializer.Serialize(AreaCode.Parse("s08000029"));

        Assert.Equal("\"S08000029\"", json);
    }

    [Fact]
    public void AreaCode_round_trips_through_JSON_inside_objects_nullables_and_dictionary_keys()
    {
        var original = new Sample(
            AreaCode.Parse("S37000005"),
            null,
            AreaCode.Parse("NB-SSSC"),
            new Dictionary<AreaCode, int> { [AreaCode.Scotland] = 3 });

        var json = JsonSerializer.Serialize(original);
        var back = JsonSerializer.Deserialize<Sample>(json)!;

        Assert.Equal("""{"Code":"S37000005","Missing":null,"Present":"NB-SSSC","Counts":{"S92000003":3}}""", json);
        Assert.Equal(original.Code, back.Code);
        Assert.Null(back.Missing);
        Assert.Equal(original.Present, back.Present);
        Assert.Equal(3, back.Counts[AreaCode.Scotland]);
    }

    [Fact]
    public void AreaCode_read_from_JSON_is_normalised()
    {
        var code = JsonSerializer.Deserialize<AreaCode>("\" s08000029 \"");

        Assert.Equal(AreaCode.Parse("S08000029"), code);
    }

    [Theory]
    [InlineData("\"X12345678\"")]
    [InlineData("\"\"")]
    [InlineData("12345678")]
    [InlineData("null")]
    public void Invalid_JSON_area_code_is_refused(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AreaCode>(json));
    }

    [Fact]
    public void Default_area_code_is_not_serialised()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(default(AreaCode)));
    }

    private sealed record Sample(AreaCode Code, AreaCode? Missing, AreaCode? Present, Dictionary<AreaCode, int> Counts);
}
