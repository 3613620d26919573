using System.Text.RegularExpressions;

namespace ChampionNetwork.TestInfrastructure.Tests;

public class TestNamesTests
{
    [Theory]
    [InlineData("surveysdb")]
    [InlineData("Survey DB/Ünïcode-1")]
    [InlineData("1starts_with_digit")]
    [InlineData("")]
    [InlineData("a-very-long-prefix-that-goes-on-and-on-and-on-and-on-and-on-and-on")]
    public void Unique_names_are_safe_for_vhosts_databases_and_key_prefixes(string prefix)
    {
        var name = TestNames.Unique(prefix);

        Assert.Matches(new Regex("^[a-z][a-z0-9_]{0,52}_[0-9a-f]{12}$"), name);
        Assert.True(name.Length <= 53, name);
        Assert.NotEqual(name, TestNames.Unique(prefix));
    }
}
