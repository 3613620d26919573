namespace ChampionNetwork.ReferenceData.Tests;

/// <summary>The loaders refuse inconsistent data rather than building a wrong hierarchy.</summary>
public class DataIntegrityTests
{
    private const string AreasHeader = "code,name,type,board_code,hscp_code\n";
    private const string SupersededHeader = "old_code,current_code,type,name\n";

    private const string MinimalAreas = AreasHeader
        + "S92000003,Scotland,country,,\n"
        + "S08000029,NHS Fife,board,S08000029,\n"
        + "S08000030,NHS Tayside,board,S08000030,\n"
        + "S37000032,Fife Health and Social Care Partnership,hscp,S08000029,S37000032\n"
        + "S12000047,Fife Council,council,S08000029,S37000032\n"
        + "NB-SSSC,Scottish Social Services Council,national,,\n";

    [Fact]
    public void Consistent_data_loads()
    {
        var registry = AreaRegistry.FromCsv(MinimalAreas, SupersededHeader + "S08000018,S08000029,board,NHS Fife\n");

        Assert.Equal(6, registry.All.Count);
        Assert.True(registry.TryResolve("S08000018", out var fife));
        Assert.Equal("NHS Fife", fife.Name);
    }

    [Theory]
    [InlineData("S12000047,Fife Council,council,S08000099,S37000032\n")]      // unknown board
    [InlineData("S12000047,Fife Council,council,S08000030,S37000032\n")]      // HSCP in another board
    [InlineData("S12000047,Fife Council,council,S08000029,S37000099\n")]      // unknown HSCP
    [InlineData("S12000047,Fife Council,council,S08000029,\n")]               // council without HSCP
    [InlineData("S12000047,Second Fife Council,council,S08000029,S37000032\n")] // duplicate code
    [InlineData("S1200004,Short code,council,S08000029,S37000032\n")]          // malformed code
    [InlineData("S12000099,Somewhere,region,S08000029,S37000032\n")]            // unknown type
    [InlineData("NB-X,National body with a board,national,S08000029,\n")]
    [InlineData("S08000099,GSS national body,national,,\n")]
    [InlineData("S92000004,Second country,country,,\n")]
    [InlineData("S12000099,Too,many,fields,here,x\n")]
    public void Inconsistent_areas_are_refused(string extraRow) =>
        Assert.Throws<InvalidDataException>(() => AreaRegistry.FromCsv(MinimalAreas + extraRow, SupersededHeader));

    [Theory]
    [InlineData("S08000018,S08000099,board,Nowhere\n")]      // current code unknown
    [InlineData("S08000018,S12000047,board,Fife\n")]         // type mismatch
    [InlineData("S08000030,S08000029,board,Tayside\n")]      // old code still current
    [InlineData("S08000018,S08000029,board,NHS Fife\nS08000018,S08000029,board,NHS Fife\n")] // duplicate
    public void Inconsistent_superseded_codes_are_refused(string rows) =>
        Assert.Throws<InvalidDataException>(() => AreaRegistry.FromCsv(MinimalAreas, SupersededHeader + rows));

    [Fact]
    public void Missing_column_is_refused() =>
        Assert.Throws<InvalidDataException>(() => AreaRegistry.FromCsv("code,name,type,board_code\nS92000003,Scotland,country,\n", SupersededHeader));

    [Theory]
    [InlineData("PLAN-S1,Attract,short,Text.,Aim.\n")]               // pillar mismatch
    [InlineData("PLAN-S1,Plan,medium,Text.,Aim.\n")]                 // term mismatch
    [InlineData("PLAN-S2,Plan,short,Text.,Aim.\n")]                  // numbering gap
    [InlineData("PLAN-S1,Plan,short,Text.,Aim.\nPLAN-S2,Plan,short,Text.,Other aim.\n")] // aim differs
    [InlineData("ATTRACT-S1,Attract,short,Text.,Aim.\nPLAN-S1,Plan,short,Text.,Aim.\n")] // out of order
    [InlineData("PLAN-S1,Plan,short,,Aim.\n")]                       // no text
    public void Inconsistent_outcomes_are_refused(string rows) =>
        Assert.Throws<InvalidDataException>(() => ActionPlan.Data.FromCsv("code,pillar,term,outcome,pillar_aim\n" + rows));
}
