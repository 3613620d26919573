namespace ChampionNetwork.ReferenceData.Tests;

public class CsvTableTests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var table = CsvTable.Parse("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n", "test.csv");

        Assert.Equal(["a", "b", "c"], table.Header);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["1", "x, y", "say \"hi\""], table.Rows[0].Fields);
        Assert.Equal(["2", "two\nlines", ""], table.Rows[1].Fields);
        Assert.Equal(3, table.Rows[1].Line);
    }

    [Fact]
    public void Byte_order_mark_blank_lines_and_missing_final_newline_are_tolerated()
    {
        var table = CsvTable.Parse("\uFEFFcode,name\n\nS92000003,Scotland", "test.csv");

        Assert.Equal(0, table.Column("code"));
        Assert.Equal(["S92000003", "Scotland"], Assert.Single(table.Rows).Fields);
    }

    [Theory]
    [InlineData("a,b\n1,\"unterminated\n")]
    [InlineData("a,b\n1,\"closed\"junk\n")]
    [InlineData("a,b\n1,un\"quoted\n")]
    [InlineData("a,b\n1,2,3\n")]
    [InlineData("a,a\n1,2\n")]
    [InlineData("")]
    public void Malformed_csv_is_refused(string text) =>
        Assert.Throws<InvalidDataException>(() => CsvTable.Parse(text, "test.csv"));

    [Fact]
    public void Missing_column_is_reported() =>
        Assert.Throws<InvalidDataException>(() => CsvTable.Parse("a,b\n1,2\n", "test.csv").Column("c"));
}
