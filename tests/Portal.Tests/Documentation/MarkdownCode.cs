using System.Text.RegularExpressions;

namespace Portal.Tests.Documentation;

/// <summary>Reads the code blocks and table commands out of a Markdown file.</summary>
public static partial class MarkdownCode
{
    /// <summary>The non-empty lines of the first <c>```sh</c> block under the heading <paramref name="heading"/> (e.g. "## Run").</summary>
    public static IReadOnlyList<string> ShellBlockUnder(string markdown, string heading)
    {
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var at = lines.FindIndex(l => l.Trim() == heading);
        Assert.True(at >= 0, $"no heading '{heading}'");
        var level = heading.TakeWhile(c => c == '#').Count();
        for (var i = at + 1; i < lines.Count; i++)
        {
            if (lines[i].StartsWith('#') && lines[i].TakeWhile(c => c == '#').Count() <= level)
            {
                break;
            }
            if (lines[i].Trim() == "```sh")
            {
                var block = lines.Skip(i + 1).TakeWhile(l => l.Trim() != "```").Where(l => l.Trim().Length > 0).ToList();
                Assert.NotEmpty(block);
                return block;
            }
        }
        throw new Xunit.Sdk.XunitException($"no ```sh block under '{heading}'");
    }

    /// <summary>The <c>`...`</c> command in the given column of every row of the first table whose header has that column.</summary>
    public static IReadOnlyList<string> TableColumn(string markdown, string column)
    {
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.FindIndex(l => l.StartsWith('|') && Cells(l).Contains(column));
        Assert.True(header >= 0, $"no table with a '{column}' column");
        var index = Cells(lines[header]).IndexOf(column);
        var commands = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => Cells(l)[index])
            .Select(cell => InlineCode().Match(cell) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no `command` in '{cell}'"))
            .ToList();
        Assert.NotEmpty(commands);
        return commands;
    }

    private static List<string> Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex InlineCode();
}
