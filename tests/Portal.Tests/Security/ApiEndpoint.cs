using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.OpenApi;

namespace Portal.Tests.Security;

/// <summary>
/// One API endpoint of the running app, read from its endpoint data sources (controllers and minimal APIs alike),
/// so an endpoint added later shows up here without anyone listing it.
/// </summary>
public sealed partial record ApiEndpoint(string Method, string Template, JsonRequestBodyAttribute? JsonBody)
{
    /// <summary>"METHOD /template", the name the corpus and the walk file their entries under.</summary>
    public string Key => $"{Method} /{Template}";

    public IReadOnlyList<string> RouteParameters => Parameter().Matches(Template).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The path with every route parameter replaced (URL-escaped) by <paramref name="values"/>.</summary>
    public string Path(IReadOnlyDictionary<string, string> values) =>
        "/" + Parameter().Replace(Template, m => Uri.EscapeDataString(values[m.Groups[1].Value]));

    /// <summary>Every endpoint on an API path (<see cref="PortalWebApp.IsApiRequest"/>), one per method.</summary>
    public static IReadOnlyList<ApiEndpoint> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null && PortalWebApp.IsApiRequest("/" + e.RoutePattern.RawText.TrimStart('/')))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new ApiEndpoint(method, e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<JsonRequestBodyAttribute>())))
            .DistinctBy(e => e.Key)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"\{([A-Za-z_]+)(?::[^}]*)?\}")]
    private static partial Regex Parameter();
}
