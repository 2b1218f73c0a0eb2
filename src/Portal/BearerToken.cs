namespace Portal;

public static class BearerToken
{
    /// <summary>The token of an <c>Authorization: Bearer ...</c> header, or null.</summary>
    public static string? From(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }
}
