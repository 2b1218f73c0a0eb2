using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal;

/// <summary>The <c>RateLimits</c> section: requests per window (a minute) before Portal answers 429 with Retry-After.</summary>
public class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Per member token (one app installation's signed-in member) on the Placewise member API.</summary>
    public int ApiPerMemberTokenPerMinute { get; set; } = 300;

    /// <summary>
    /// Per credential and client address on the other API calls: a Placewise client token without a member token,
    /// a Masivo API key or bearer token, a Centrapay API key.
    /// </summary>
    public int ApiPerClientAddressPerMinute { get; set; } = 600;

    /// <summary>
    /// Per client address (an IPv6 /64) on every API call whatever it presents, so that rotating made-up tokens
    /// does not escape the limits; generous because a carrier's NAT puts many phones behind one address.
    /// </summary>
    public int ApiPerAddressPerMinute { get; set; } = 6000;

    /// <summary>Per client IP on the sign-in form.</summary>
    public int SignInPerIpPerMinute { get; set; } = 30;

    /// <summary>
    /// Per client IP on the endpoints that send SMS or e-mail codes: registration password, OTP, password reset token,
    /// verification e-mail and SMS.
    /// </summary>
    public int CodeSendsPerIpPerMinute { get; set; } = 10;

    /// <summary>The window the limits count in. A minute; tests lengthen it so that no window can roll over mid-test.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// One limiter for the whole app, partitioned by what is being protected: guessing passwords (sign-in, per IP),
/// spamming phones and inboxes (code senders, per IP) and overloading the API. On the API every installation of
/// a club's app shares the client token, so the budget follows the installation instead: its member token, or
/// the credential together with the address it calls from; a per-address cap on top stops made-up tokens.
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
                if (VendorErrorBody.For(context.HttpContext.Request.Path, StatusCodes.Status429TooManyRequests, message) is { } vendorBody)
                {
                    // An app on a seed surface reads that surface's error format whatever went wrong.
                    await response.WriteAsJsonAsync(vendorBody, vendorBody.GetType(), options: null, contentType: "application/json", ct);
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
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsLimitedApiCall(http.Request.Path)
                    ? Window($"api-address:{Address(http)}", options.ApiPerAddressPerMinute, options.Window)
                    : RateLimitPartition.GetNoLimiter("unlimited")),
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                {
                    var path = http.Request.Path;
                    if (HttpMethods.IsPost(http.Request.Method) && path.StartsWithSegments("/account/login"))
                    {
                        return Window($"sign-in:{Address(http)}", options.SignInPerIpPerMinute, options.Window);
                    }
                    if (HttpMethods.IsPost(http.Request.Method) && path.Value is { } value
                        && IsCodeSender(value))
                    {
                        return Window($"codes:{Address(http)}", options.CodeSendsPerIpPerMinute, options.Window);
                    }
                    if (IsLimitedApiCall(path))
                    {
                        // Not validated here (that would cost a database read per request); an invalid token is refused by authentication.
                        return path.StartsWithSegments("/v3") && BearerToken.From(http.Request) is { Length: > 0 } memberToken
                            ? Window($"api-member:{Bucket(memberToken)}", options.ApiPerMemberTokenPerMinute, options.Window)
                            : Window($"api-client:{Bucket($"{Credential(http.Request)}|{Address(http)}")}", options.ApiPerClientAddressPerMinute, options.Window);
                    }
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }));
        });
    }

    // The endpoints that send an SMS or e-mail code: each call costs a message and lands in someone's phone or inbox.
    private static bool IsCodeSender(string path) =>
        path.Contains("/members/registration_password/", StringComparison.Ordinal)
        || path.Contains("/members/otp/", StringComparison.Ordinal)
        || path.EndsWith("/members/send_password_reset_token", StringComparison.Ordinal)
        || path.EndsWith("/members/me/send_verification_email", StringComparison.Ordinal)
        || path.EndsWith("/members/me/send_verification_sms", StringComparison.Ordinal);

    private static bool IsLimitedApiCall(PathString path) =>
        PortalWebApp.IsApiRequest(path) && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/swagger");

    private static RateLimitPartition<string> Window(string key, int perWindow, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perWindow),
            Window = window,
            QueueLimit = 0,
        });

    /// <summary>
    /// One of 65,536 partitions for a token: the raw token is never a key, and however many tokens are presented
    /// (a fleet, or an attacker making them up) the limiter holds at most that many partitions of this kind.
    /// Two installations sharing a partition share a budget sized for one, which the fleet's rate leaves room for.
    /// </summary>
    private static string Bucket(string token) => Sha256Hex.Of(token)[..4];

    // The credential a non-member call presents: the Placewise client token, a Masivo or Centrapay x-api-key, or a Masivo bearer token.
    private static string Credential(HttpRequest request)
    {
        var headers = request.Headers;
        return headers["X-Client-Authorization"].ToString() is { Length: > 0 } client ? client
            : headers["x-api-key"].ToString() is { Length: > 0 } apiKey ? apiKey
            : headers.Authorization.ToString();
    }

    // An IPv6 client usually holds a whole /64, so that is the unit; IPv4-mapped addresses count as IPv4.
    private static string Address(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }
        return address.ToString();
    }
}
