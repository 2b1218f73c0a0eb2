using AngleSharp.Dom;

namespace Portal.Components.Tests.Applets;

/// <summary>Finds a rule's message next to the field it is about: in the field's own wrapper, which holds no other input.</summary>
internal static class FieldMessages
{
    public static void AssertUnderField(IElement input, string message)
    {
        var wrapper = input.ParentElement;
        while (wrapper is not null && !wrapper.TextContent.Contains(message))
        {
            wrapper = wrapper.ParentElement;
        }
        Assert.NotNull(wrapper);
        Assert.Single(wrapper!.QuerySelectorAll("input, textarea"));
        var messageElement = wrapper.QuerySelectorAll("*").Last(e => e.TextContent.Contains(message));
        Assert.True(input.CompareDocumentPosition(messageElement).HasFlag(DocumentPositions.Following), "The message comes after the field.");
    }
}
