namespace Portal.Features.Push;

/// <summary>The <c>Fcm</c> configuration section: where FCM is and how hard to push it.</summary>
public class FcmOptions
{
    public const string Section = "Fcm";

    /// <summary>Base address of the FCM HTTP v1 API; tests point it at a loopback fake.</summary>
    public string Endpoint { get; set; } = "https://fcm.googleapis.com";

    /// <summary>Requests in flight at once during a send (FCM retired batch send: one request per message).</summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>Retries of a message FCM answered 429, 500 or 503 (or that failed to arrive).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; it doubles each time, with jitter, unless FCM says Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest Retry-After honoured; a longer one ends the retries for that message.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Development only: a built-in Firebase project "sandbox" whose FCM is a sink inside the app, so the console
    /// can be tried without a Firebase account. Ignored outside Development.
    /// </summary>
    public bool SandboxEnabled { get; set; }
}
