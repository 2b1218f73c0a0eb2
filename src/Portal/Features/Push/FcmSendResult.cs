namespace Portal.Features.Push;

/// <summary>What FCM made of one message to one token.</summary>
public record FcmSendResult(string Token, bool Success, string? MessageName, string? ErrorCode, int? HttpStatus, string? ErrorMessage, int Attempts)
{
    /// <summary>FCM says the token is dead: the app was uninstalled or the token expired.</summary>
    public bool TokenIsDead => ErrorCode == FcmErrorCodes.Unregistered;
}

public static class FcmErrorCodes
{
    public const string Unregistered = "UNREGISTERED";
    public const string SenderIdMismatch = "SENDER_ID_MISMATCH";
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string QuotaExceeded = "QUOTA_EXCEEDED";
    public const string Unavailable = "UNAVAILABLE";
    public const string Internal = "INTERNAL";
    public const string ThirdPartyAuthError = "THIRD_PARTY_AUTH_ERROR";

    /// <summary>Portal's own codes for failures before or around FCM.</summary>
    public const string Network = "NETWORK_ERROR";
    public const string Authentication = "AUTHENTICATION_FAILED";
    public const string Cancelled = "CANCELLED";

    /// <summary>What a code means and what to do, in words a marketer can act on.</summary>
    public static string Explain(string? code) => code switch
    {
        null => "Accepted by Firebase.",
        Unregistered => "Token no longer registered: the app was uninstalled or the token expired. Portal marked it invalid; the app registers a new one when opened.",
        SenderIdMismatch => "This token belongs to another Firebase project. Check the token's Firebase project and the project's credentials.",
        InvalidArgument => "Firebase refused the message or the token as malformed. Check the token and the message fields.",
        QuotaExceeded => "Firebase's sending quota was exceeded and retries ran out. Wait a few minutes and send again.",
        Unavailable => "Firebase was unavailable and retries ran out. Send again later.",
        Internal => "Firebase had an internal error and retries ran out. Send again later.",
        ThirdPartyAuthError => "Apple (APNs) or the web push service refused Firebase's credentials. Check the APNs key in the Firebase console.",
        Network => "Firebase could not be reached. Check the server's network and send again.",
        Authentication => "Portal could not get an access token with the project's service-account key. Upload a valid key.",
        Cancelled => "The send was stopped (the page was closed) before Firebase answered for this token. Send again to reach it.",
        _ => $"Firebase answered {code}.",
    };
}
