namespace Portal;

/// <summary>
/// Headers every response carries. A full Content-Security-Policy (script and style sources for Blazor and
/// Radzen) comes with the security hardening work; framing is already forbidden.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            return next(context);
        });
}
