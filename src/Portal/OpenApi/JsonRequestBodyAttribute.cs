namespace Portal.OpenApi;

/// <summary>
/// Documents the JSON body of an action that reads its body by hand (to answer bad input in a vendor's own
/// format) instead of through model binding, which is what OpenAPI generation normally looks at.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class JsonRequestBodyAttribute(Type type, bool required = true) : Attribute
{
    public Type Type { get; } = type;

    public bool Required { get; } = required;
}
