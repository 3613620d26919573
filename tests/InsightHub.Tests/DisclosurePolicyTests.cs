using ChampionNetwork.Disclosure;

namespace ChampionNetwork.InsightHub.Tests;

public sealed class DisclosurePolicyTests
{
    [Theory]
    [InlineData(0, 0.0, null)]
    [InlineData(1, null, "c")]
    [InlineData(4, null, "c")]
    [InlineData(5, 5.0, null)]
    [InlineData(17, 17.0, null)]
    public void Nhsbsa5_suppresses_counts_of_one_to_four_and_shows_zero(int count, double? shown, string? qualifier)
    {
        var figure = DisclosurePolicy.NhsBsa5.Count(count, national: false);
        Assert.Equal(shown, figure.Value);
        Assert.Equal(qualifier, figure.Qualifier);
    }

    [Fact]
    public void Nhs_digital_suppresses_up_to_seven_and_rounds_to_five_below_national_level()
    {
        var policy = DisclosurePolicy.NhsDigital75;
        Assert.True(policy.Count(7, national: false).IsSuppressed);
        Assert.Equal(10, policy.Count(8, national: false).Value);
        Assert.Equal(15, policy.Count(13, national: false).Value);
        Assert.Equal(13, policy.Count(13, national: true).Value);
    }

    [Fact]
    public void Ons_suppresses_below_ten_and_rounds_to_five_everywhere()
    {
        var policy = DisclosurePolicy.Ons105;
        Assert.True(policy.Count(9, national: true).IsSuppressed);
        Assert.Equal(10, policy.Count(11, national: true).Value);
        Assert.Equal(15, policy.Count(13, national: false).Value);
    }

    [Fact]
    public void A_mean_from_fewer_than_five_answers_is_suppressed()
    {
        Assert.True(DisclosurePolicy.NhsBsa5.Statistic(3.5, basedOn: 4).IsSuppressed);
        Assert.Equal(3.5, DisclosurePolicy.NhsBsa5.Statistic(3.5, basedOn: 5).Value);
        Assert.Equal("z", DisclosurePolicy.NhsBsa5.Statistic(null, basedOn: 0).Qualifier);
    }

    [Fact]
    public void One_suppressed_sibling_takes_the_next_smallest_with_it_so_the_total_cannot_give_it_away()
    {
        var hidden = DisclosurePolicy.NhsBsa5.CellsToSuppress([3, 0, 5, 20]);
        Assert.Equal([0, 2], hidden.Order());
    }

    [Fact]
    public void Suppressed_siblings_that_together_stay_small_take_another_with_them()
    {
        // 1 + 2 = 3 could be recovered as a pair, which is itself below the threshold.
        var hidden = DisclosurePolicy.NhsBsa5.CellsToSuppress([1, 2, 30, 40]);
        Assert.Equal([0, 1, 2], hidden.Order());
    }

    [Fact]
    public void Nothing_is_suppressed_when_no_sibling_is_small()
    {
        Assert.Empty(DisclosurePolicy.NhsBsa5.CellsToSuppress([0, 5, 9]));
    }

    [Fact]
    public void An_unknown_policy_name_is_refused_at_start_up()
    {
        Assert.Throws<InvalidOperationException>(() => DisclosurePolicy.Named("anything-goes"));
    }
}
