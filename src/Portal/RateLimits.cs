using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal;

/// <summary>The <c>RateLimits</c> section: requests per minute before Portal answers 429 with Retry-After.</summary>
public class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Per API key (or member token) on the app APIs.</summary>
    public int ApiPerKeyPerMinute { get; set; } = 1200;

    /// <summary>Per client IP on the sign-in form.</summary>
    public int SignInPerIpPerMinute { get; set; } = 30;

    /// <summary>Per client IP on the endpoints that send SMS or e-mail codes.</summary>
    public int CodeSendsPerIpPerMinute { get; set; } = 10;
}

/// <summary>
/// One limiter for the whole app, partitioned by what is being protected: guessing passwords (sign-in, per IP),
/// spamming phones and inboxes (code senders, per IP) and overloading the API (per key).
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var message = $"Too many requests. Try again in {seconds} seconds.";
                if (context.HttpContext.Request.Path.StartsWithSegments("/v3"))
                {
                    // Placewise apps read {"error": "..."} whatever went wrong.
                    await response.WriteAsJsonAsync(new { error = message }, ct);
                }
                else if (PortalWebApp.IsApiRequest(context.HttpContext.Request.Path))
                {
                    await response.WriteAsJsonAsync(
                        new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = message },
                        options: (System.Text.Json.JsonSerializerOptions?)null, contentType: "application/problem+json", ct);
                }
                else
                {
                    // A person gets a sentence, not the "page not found" page the status-code middleware would show.
                    response.ContentType = "text/plain; charset=utf-8";
                    await response.WriteAsync($"Too many attempts from your address. Try again in {seconds} seconds.", ct);
                }
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var path = http.Request.Path;
                var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (HttpMethods.IsPost(http.Request.Method) && path.StartsWithSegments("/account/login"))
                {
                    return Window($"sign-in:{ip}", options.SignInPerIpPerMinute);
                }
                if (HttpMethods.IsPost(http.Request.Method) && path.Value is { } value
                    && (value.Contains("/members/registration_password/", StringComparison.Ordinal) || value.Contains("/members/otp/", StringComparison.Ordinal)))
                {
                    return Window($"codes:{ip}", options.CodeSendsPerIpPerMinute);
                }
                if (PortalWebApp.IsApiRequest(path) && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/swagger"))
                {
                    return Window($"api:{Credential(http) ?? ip}", options.ApiPerKeyPerMinute);
                }
                return RateLimitPartition.GetNoLimiter("unlimited");
            });
        });
    }

    private static RateLimitPartition<string> Window(string key, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    // The credential a request presents; the partition is its hash's prefix so keys are not kept in memory as such.
    private static string? Credential(HttpContext http)
    {
        var headers = http.Request.Headers;
        var value = headers["X-Client-Authorization"].ToString() is { Length: > 0 } client ? client
            : headers["x-api-key"].ToString() is { Length: > 0 } apiKey ? apiKey
            : headers.Authorization.ToString() is { Length: > 0 } bearer ? bearer
            : null;
        return value is null ? null : Sha256Hex.Of(value)[..32];
    }
}
