namespace Portal.Features.Schema;

/// <summary>One property of a club's member schema, as the rules and the schema answer see it.</summary>
public record SchemaProperty(string Key, string Label, string Type, bool Required, IReadOnlyList<string> Choices, bool BuiltIn);
