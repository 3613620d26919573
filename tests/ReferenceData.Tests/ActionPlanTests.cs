using System.Text.Json;

namespace ChampionNetwork.ReferenceData.Tests;

public class ActionPlanTests
{
    public static TheoryData<string> OutcomeCodes() => new(ActionPlan.Outcomes.Select(o => o.Code.Value));

    [Fact]
    public void There_are_27_outcomes() => Assert.Equal(27, ActionPlan.Outcomes.Count);

    [Fact]
    public void Outcomes_are_in_Table_1_order()
    {
        string[] expected =
        [
            "PLAN-S1", "PLAN-S2", "PLAN-S3", "PLAN-S4", "PLAN-M1",
            "ATTRACT-S1", "ATTRACT-S2", "ATTRACT-S3", "ATTRACT-S4", "ATTRACT-M1",
            "TRAIN-S1", "TRAIN-S2", "TRAIN-S3", "TRAIN-S4", "TRAIN-M1",
            "EMPLOY-S1", "EMPLOY-S2", "EMPLOY-M1", "EMPLOY-M2", "EMPLOY-M3", "EMPLOY-M4",
            "NURTURE-S1", "NURTURE-S2", "NURTURE-S3", "NURTURE-S4", "NURTURE-M1", "NURTURE-M2",
        ];

        Assert.Equal(expected, ActionPlan.Outcomes.Select(o => o.Code.Value));
        Assert.Equal(ActionPlan.Outcomes.Select(o => o.Code), ActionPlan.Outcomes.Select(o => o.Code).Order());
    }

    [Theory]
    [MemberData(nameof(OutcomeCodes))]
    public void Every_outcomes_pillar_and_term_match_its_code(string code)
    {
        Assert.True(ActionPlan.TryGetOutcome(code, out var outcome));

        var prefix = code[..code.IndexOf('-', StringComparison.Ordinal)];
        var termLetter = code[code.IndexOf('-', StringComparison.Ordinal) + 1];
        Assert.Equal(prefix, outcome.Pillar.ToString().ToUpperInvariant());
        Assert.Equal(outcome.Pillar, outcome.Code.Pillar);
        Assert.Equal(termLetter == 'S' ? OutcomeTerm.Short : OutcomeTerm.Medium, outcome.Term);
        Assert.Equal(outcome.Term, outcome.Code.Term);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Text));
        Assert.Equal(ActionPlan.AimOf(outcome.Pillar), outcome.PillarAim);
    }

    [Fact]
    public void Outcome_texts_come_from_Table_1_with_quoted_commas_intact()
    {
        Assert.True(ActionPlan.TryGetOutcome("PLAN-S1", out var outcome));
        Assert.Equal(
            "Improved understanding of the population's mental health needs, including local and regional variations, to inform workforce planning.",
            outcome.Text);
        Assert.Equal("Retention rates across the MH&W workforce have improved.", ActionPlan.GetOutcome(OutcomeCode.Parse("EMPLOY-M4")).Text);
        Assert.Equal("The MH&W workforce are valued, empowered and supported.", ActionPlan.AimOf(Pillar.Nurture));
    }

    [Fact]
    public void Each_pillar_has_its_outcomes()
    {
        Assert.Equal([5, 5, 5, 6, 6], ActionPlan.Pillars.Select(p => ActionPlan.OutcomesOf(p).Count));
        Assert.Equal(4, ActionPlan.OutcomesOf(Pillar.Employ).Count(o => o.Term == OutcomeTerm.Medium));
        Assert.Equal(ActionPlan.Outcomes, ActionPlan.Pillars.SelectMany(ActionPlan.OutcomesOf));
    }

    [Theory]
    [InlineData("PLAN-S1")]
    [InlineData("plan-s1")]
    [InlineData(" Nurture-M2 ")]
    public void Outcomes_are_found_trimmed_and_case_insensitively(string code) =>
        Assert.True(ActionPlan.TryGetOutcome(code, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("PLAN-S5")]      // well formed, not in Table 1
    [InlineData("EMPLOY-S3")]
    [InlineData("PLAN-X1")]
    [InlineData("PLAN-S01")]
    [InlineData("PLAN-S")]
    [InlineData("PLANS1")]
    [InlineData("WELLBEING-S1")]
    [InlineData("-S1")]
    public void Unknown_or_malformed_outcome_codes_are_not_found(string? code)
    {
        Assert.False(ActionPlan.TryGetOutcome(code, out var outcome));
        Assert.Null(outcome);
    }

    [Theory]
    [InlineData("Nurture", Pillar.Nurture)]
    [InlineData("NURTURE", Pillar.Nurture)]
    [InlineData("nurture", Pillar.Nurture)]
    [InlineData(" Plan ", Pillar.Plan)]
    [InlineData("Attract", Pillar.Attract)]
    [InlineData("Train", Pillar.Train)]
    [InlineData("Employ", Pillar.Employ)]
    public void Pillars_parse_case_insensitively(string value, Pillar expected)
    {
        Assert.True(ActionPlan.TryParsePillar(value, out var pillar));
        Assert.Equal(expected, pillar);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]      // Enum.TryParse would accept numbers; pillars are names only
    [InlineData("4")]
    [InlineData("Wellbeing")]
    [InlineData("Plan,Train")]
    public void Unknown_pillars_are_rejected(string? value) =>
        Assert.False(ActionPlan.TryParsePillar(value, out _));
}

public class OutcomeCodeTests
{
    [Fact]
    public void Outcome_code_exposes_pillar_term_and_number()
    {
        var code = OutcomeCode.Parse("employ-m4");

        Assert.Equal("EMPLOY-M4", code.Value);
        Assert.Equal("EMPLOY-M4", code.ToString());
        Assert.Equal(Pillar.Employ, code.Pillar);
        Assert.Equal(OutcomeTerm.Medium, code.Term);
        Assert.Equal(4, code.Number);
        Assert.Equal(code, OutcomeCode.Create(Pillar.Employ, OutcomeTerm.Medium, 4));
    }

    [Theory]
    [InlineData("PLAN-S0")]
    [InlineData("PLAN-S100")]
    [InlineData("PLAN-S-1")]
    [InlineData("PLAN-S+1")]
    [InlineData("PLAN S1")]
    [InlineData("1-S1")]
    public void Malformed_outcome_codes_do_not_parse(string input)
    {
        Assert.False(OutcomeCode.TryParse(input, out _));
        Assert.Throws<FormatException>(() => OutcomeCode.Parse(input, null));
    }

    [Fact]
    public void Create_refuses_out_of_range_parts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OutcomeCode.Create(Pillar.Plan, OutcomeTerm.Short, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OutcomeCode.Create((Pillar)42, OutcomeTerm.Short, 1));
    }

    [Fact]
    public void Outcome_codes_order_as_in_Table_1()
    {
        Assert.True(OutcomeCode.Parse("PLAN-M1") < OutcomeCode.Parse("ATTRACT-S1"));
        Assert.True(OutcomeCode.Parse("EMPLOY-S2") < OutcomeCode.Parse("EMPLOY-M1"));
        Assert.True(OutcomeCode.Parse("NURTURE-S2") < OutcomeCode.Parse("NURTURE-S10"));
    }

    [Fact]
    public void OutcomeCode_round_trips_through_JSON_as_a_plain_string()
    {
        var tags = new Dictionary<OutcomeCode, OutcomeCode[]>
        {
            [OutcomeCode.Parse("NURTURE-S3")] = [OutcomeCode.Parse("PLAN-S1"), OutcomeCode.Parse("EMPLOY-M4")],
        };

        var json = JsonSerializer.Serialize(tags);
        var back = JsonSerializer.Deserialize<Dictionary<OutcomeCode, OutcomeCode[]>>(json)!;

        Assert.Equal("""{"NURTURE-S3":["PLAN-S1","EMPLOY-M4"]}""", json);
        Assert.Equal(tags[OutcomeCode.Parse("NURTURE-S3")], back[OutcomeCode.Parse("nurture-s3")]);
    }

    [Theory]
    [InlineData("\"PLAN\"")]
    [InlineData("1")]
    public void Invalid_JSON_outcome_code_is_refused(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OutcomeCode>(json));
}
