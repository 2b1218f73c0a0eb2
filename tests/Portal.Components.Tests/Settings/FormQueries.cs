using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Portal.Components.Tests.Settings;

/// <summary>Finds form parts the way a user (or a screen reader) does: fields by their label, buttons by their name.</summary>
public static class FormQueries
{
    /// <summary>The input a &lt;label for&gt; with exactly this text names.</summary>
    public static IElement Field(INodeList nodes, string label)
    {
        var labelElement = nodes.QuerySelectorAll("label[for]").SingleOrDefault(l => l.TextContent.Trim() == label)
            ?? throw new InvalidOperationException($"No field labelled '{label}'.");
        return nodes.QuerySelector($"#{labelElement.GetAttribute("for")}") ?? throw new InvalidOperationException($"Label '{label}' names no element.");
    }

    /// <summary>The text that describes a field (aria-describedby): where a broken rule is said.</summary>
    public static string Description(INodeList nodes, IElement field) =>
        string.Join(" ", (field.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => nodes.QuerySelector($"#{id}")?.TextContent.Trim()));

    /// <summary>The checkbox whose label reads <paramref name="label"/>.</summary>
    public static IElement CheckBox(INodeList nodes, string label) =>
        nodes.QuerySelectorAll("label").Single(l => l.TextContent.Trim() == label).QuerySelector("input[type=checkbox]")
            ?? throw new InvalidOperationException($"No checkbox labelled '{label}'.");

    /// <summary>The button named <paramref name="name"/> (its aria-label, else its text).</summary>
    public static IElement Button(INodeList nodes, string name) =>
        Buttons(nodes, name).Single();

    public static IEnumerable<IElement> Buttons(INodeList nodes, string name) =>
        nodes.QuerySelectorAll("button").Where(b => (b.GetAttribute("aria-label") ?? b.TextContent.Trim()) == name);

    /// <summary>The table row that contains <paramref name="text"/>.</summary>
    public static IElement Row(INodeList nodes, string text) =>
        nodes.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(text, StringComparison.Ordinal));

    public static IReadOnlyList<string> Snackbars(this BunitContext context) =>
        context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "").ToList();
}
