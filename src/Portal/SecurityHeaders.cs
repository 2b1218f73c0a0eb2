namespace Portal;

/// <summary>Headers every response carries.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from Portal itself (Blazor, MudBlazor and portal.js are files, nothing inline, no eval).
    /// Styles allow inline attributes because MudBlazor components set style="..." on elements and its theme is a style block. Images may come
    /// from https sites: applet icons and push images are URLs admins enter. The Blazor circuit's WebSocket
    /// is same-origin, which 'self' covers.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next(context);
        });
}
