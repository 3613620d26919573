namespace ChampionNetwork.ReferenceData.Tests;

public class AreaRegistryTests
{
    private static readonly AreaRegistry Registry = AreaRegistry.Default;

    private static AreaCode Code(string value) => AreaCode.Parse(value);

    public static TheoryData<string> HscpsAndCouncils() =>
        new(AreaRegistry.Default.All.Where(a => a.Type is AreaType.Hscp or AreaType.Council).Select(a => a.Code.Value));

    public static TheoryData<string> NationalBodies() =>
        new(AreaRegistry.Default.OfType(AreaType.NationalBody).Select(a => a.Code.Value));

    [Fact]
    public void There_are_14_territorial_boards() =>
        Assert.Equal(14, Registry.All.Count(a => a.Type == AreaType.Board));

    [Fact]
    public void There_are_31_health_and_social_care_partnerships() =>
        Assert.Equal(31, Registry.All.Count(a => a.Type == AreaType.Hscp));

    [Fact]
    public void There_are_32_council_areas() =>
        Assert.Equal(32, Registry.All.Count(a => a.Type == AreaType.Council));

    [Fact]
    public void Scotland_is_the_only_country()
    {
        var country = Assert.Single(Registry.OfType(AreaType.Country));
        Assert.Equal(AreaCode.Scotland, country.Code);
        Assert.Equal("Scotland", country.Name);
    }

    [Fact]
    public void Codes_are_unique_and_typed_by_their_GSS_prefix()
    {
        Assert.Equal(Registry.All.Count, Registry.All.Select(a => a.Code).Distinct().Count());
        foreach (var area in Registry.All)
        {
            var expectedPrefix = area.Type switch
            {
                AreaType.Country => "S92",
                AreaType.Board => "S08",
                AreaType.Hscp => "S37",
                AreaType.Council => "S12",
                _ => "NB-",
            };
            Assert.StartsWith(expectedPrefix, area.Code.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_current_board_codes_are_the_fourteen_from_2019()
    {
        string[] expected =
        [
            "S08000015", "S08000016", "S08000017", "S08000019", "S08000020", "S08000022", "S08000024",
            "S08000025", "S08000026", "S08000028", "S08000029", "S08000030", "S08000031", "S08000032",
        ];

        Assert.Equal(expected, Registry.OfType(AreaType.Board).Select(b => b.Code.Value).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(HscpsAndCouncils))]
    public void Every_HSCP_and_council_rolls_up_to_an_existing_board_then_Scotland(string code)
    {
        var rollUp = Registry.RollUpOf(Code(code));

        Assert.Equal(3, rollUp.Count);
        Assert.Equal(Code(code), rollUp[0]);
        Assert.Equal(AreaType.Board, Registry.Get(rollUp[1]).Type);
        Assert.Equal(Registry.Get(Code(code)).BoardCode, rollUp[1]);
        Assert.Equal(AreaCode.Scotland, rollUp[2]);
    }

    [Fact]
    public void Every_council_lies_in_the_same_board_as_its_partnership()
    {
        foreach (var council in Registry.OfType(AreaType.Council))
        {
            var hscp = Registry.Get(council.HscpCode!.Value);
            Assert.Equal(AreaType.Hscp, hscp.Type);
            Assert.Equal(council.BoardCode, hscp.BoardCode);
        }
    }

    [Fact]
    public void Clackmannanshire_and_Stirling_share_partnership_S37000005()
    {
        var clackmannanshire = Registry.Get(Code("S12000005"));
        var stirling = Registry.Get(Code("S12000030"));
        var partnership = Registry.Get(Code("S37000005"));

        Assert.Equal("Clackmannanshire Council", clackmannanshire.Name);
        Assert.Equal("Stirling Council", stirling.Name);
        Assert.Equal(partnership.Code, clackmannanshire.HscpCode);
        Assert.Equal(partnership.Code, stirling.HscpCode);
        Assert.Equal(2, Registry.OfType(AreaType.Council).Count(c => c.HscpCode == partnership.Code));
        Assert.Equal([partnership.Code, Code("S08000019"), AreaCode.Scotland], Registry.RollUpOf(partnership.Code));
    }

    [Fact]
    public void Every_other_partnership_serves_exactly_one_council()
    {
        foreach (var hscp in Registry.OfType(AreaType.Hscp).Where(h => h.Code != Code("S37000005")))
        {
            Assert.Single(Registry.OfType(AreaType.Council), c => c.HscpCode == hscp.Code);
        }
    }

    [Fact]
    public void Board_rolls_up_to_itself_then_Scotland() =>
        Assert.Equal([Code("S08000029"), AreaCode.Scotland], Registry.RollUpOf(Code("S08000029")));

    [Fact]
    public void Scotland_rolls_up_to_itself_only() =>
        Assert.Equal([AreaCode.Scotland], Registry.RollUpOf(AreaCode.Scotland));

    [Theory]
    [MemberData(nameof(NationalBodies))]
    public void National_body_rolls_up_straight_to_Scotland(string code)
    {
        Assert.Equal([Code(code), AreaCode.Scotland], Registry.RollUpOf(Code(code)));
        var body = Registry.Get(Code(code));
        Assert.Null(body.BoardCode);
        Assert.Null(body.HscpCode);
    }

    [Theory]
    [InlineData("NB-SSSC", "Scottish Social Services Council")]
    [InlineData("NB-NES", "NHS Education for Scotland")]
    [InlineData("NB-NHS24", "NHS 24")]
    [InlineData("NB-PHS", "Public Health Scotland")]
    [InlineData("NB-SAS", "Scottish Ambulance Service")]
    public void National_bodies_named_in_the_domain_are_present(string code, string name)
    {
        Assert.True(Registry.TryResolve(code, out var body));
        Assert.Equal(name, body.Name);
        Assert.Equal(AreaType.NationalBody, body.Type);
    }

    [Theory]
    [InlineData("S08000018", "S08000029", "NHS Fife")]
    [InlineData("S08000027", "S08000030", "NHS Tayside")]
    [InlineData("S08000021", "S08000031", "NHS Greater Glasgow and Clyde")]
    [InlineData("S08000023", "S08000032", "NHS Lanarkshire")]
    public void Superseded_board_codes_resolve_to_the_current_board(string oldCode, string currentCode, string name)
    {
        Assert.True(Registry.TryResolve(oldCode, out var board));
        Assert.Equal(Code(currentCode), board.Code);
        Assert.Equal(name, board.Name);
        Assert.Equal(AreaType.Board, board.Type);
    }

    [Fact]
    public void Superseded_Fife_code_resolves_to_current_board()
    {
        Assert.True(Registry.TryResolve(" s08000018 ", out var fife));
        Assert.Equal(Code("S08000029"), fife.Code);
        Assert.Equal("NHS Fife", Registry.Get(Code("S08000018")).Name);
        Assert.Equal([Code("S08000029"), AreaCode.Scotland], Registry.RollUpOf(Code("S08000018")));
    }

    [Theory]
    [InlineData("S12000015", "S12000047")] // Fife council
    [InlineData("S12000024", "S12000048")] // Perth and Kinross council
    [InlineData("S12000046", "S12000049")] // Glasgow City council
    [InlineData("S12000044", "S12000050")] // North Lanarkshire council
    [InlineData("S37000014", "S37000032")] // Fife HSCP
    [InlineData("S37000023", "S37000033")] // Perth and Kinross HSCP
    [InlineData("S37000015", "S37000034")] // Glasgow City HSCP
    [InlineData("S37000021", "S37000035")] // North Lanarkshire HSCP
    public void Superseded_council_and_partnership_codes_resolve_to_the_current_ones(string oldCode, string currentCode)
    {
        Assert.True(Registry.TryResolve(oldCode, out var area));
        Assert.Equal(Code(currentCode), area.Code);
    }

    [Fact]
    public void Every_superseded_code_maps_to_a_current_area()
    {
        Assert.Equal(12, Registry.SupersededCodes.Count);
        foreach (var (oldCode, current) in Registry.SupersededCodes)
        {
            Assert.DoesNotContain(Registry.All, a => a.Code == oldCode);
            Assert.Equal(current, Registry.Get(oldCode).Code);
        }
    }

    [Theory]
    [InlineData("S08000029")]
    [InlineData("s08000029")]
    [InlineData("  S08000029\t")]
    public void Current_codes_resolve_trimmed_and_case_insensitively(string input)
    {
        Assert.True(Registry.TryResolve(input, out var area));
        Assert.Equal("NHS Fife", area.Name);
    }

    [Theory]
    [InlineData("S0800001")]
    [InlineData("X12345678")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    [InlineData("S08000099")] // well formed but unknown
    [InlineData("NB-NOBODY")] // well formed but unknown
    public void Invalid_or_unknown_codes_are_not_resolved(string? input)
    {
        Assert.False(Registry.TryResolve(input, out var area));
        Assert.Null(area);
    }

    [Fact]
    public void Getting_an_unknown_code_throws_KeyNotFoundException()
    {
        Assert.Throws<KeyNotFoundException>(() => Registry.Get(Code("S08000099")));
        Assert.Throws<KeyNotFoundException>(() => Registry.Get(default));
        Assert.Throws<KeyNotFoundException>(() => Registry.RollUpOf(Code("S08000099")));
        Assert.Throws<KeyNotFoundException>(() => Registry.ChildrenOf(Code("S08000099")));
    }

    [Fact]
    public void Scotlands_children_are_the_boards_and_national_bodies()
    {
        var children = Registry.ChildrenOf(AreaCode.Scotland);

        var expected = Registry.All.Where(a => a.Type is AreaType.Board or AreaType.NationalBody).Select(a => a.Code).Order();
        Assert.Equal(expected, children.Select(a => a.Code).Order());
        Assert.Equal(14, children.Count(a => a.Type == AreaType.Board));
    }

    [Fact]
    public void Forth_Valleys_children_are_its_partnerships_and_councils()
    {
        var children = Registry.ChildrenOf(Code("S08000019")).Select(a => a.Code.Value).Order(StringComparer.Ordinal);

        // Clackmannanshire and Stirling HSCP, Falkirk HSCP; Clackmannanshire, Falkirk and Stirling councils.
        Assert.Equal(["S12000005", "S12000014", "S12000030", "S37000005", "S37000013"], children);
    }

    [Fact]
    public void Every_HSCP_and_council_is_a_child_of_exactly_one_board()
    {
        var childrenOfBoards = Registry.OfType(AreaType.Board).SelectMany(b => Registry.ChildrenOf(b.Code)).ToList();

        Assert.Equal(31 + 32, childrenOfBoards.Count);
        Assert.Equal(childrenOfBoards.Count, childrenOfBoards.Select(a => a.Code).Distinct().Count());
    }

    [Theory]
    [InlineData("S37000005")]
    [InlineData("S12000030")]
    [InlineData("NB-SSSC")]
    public void Organisations_below_board_level_and_national_bodies_have_no_children(string code) =>
        Assert.Empty(Registry.ChildrenOf(Code(code)));

    [Fact]
    public void Superseded_board_code_has_the_current_boards_children() =>
        Assert.Equal(Registry.ChildrenOf(Code("S08000029")), Registry.ChildrenOf(Code("S08000018")));

    [Fact]
    public void Default_registry_is_built_once()
    {
        Assert.Same(AreaRegistry.Default, AreaRegistry.Default);
        Assert.Same(AreaRegistry.Default.RollUpOf(AreaCode.Scotland), AreaRegistry.Default.RollUpOf(AreaCode.Scotland));
    }

    [Fact]
    public void Returned_lists_cannot_be_modified()
    {
        Assert.IsNotType<AreaCode[]>(Registry.RollUpOf(Code("S12000030")));
        Assert.True(((ICollection<AreaCode>)Registry.RollUpOf(Code("S12000030"))).IsReadOnly);
        Assert.True(((ICollection<Area>)Registry.ChildrenOf(AreaCode.Scotland)).IsReadOnly);
        Assert.True(((ICollection<Area>)Registry.All).IsReadOnly);
    }
}
