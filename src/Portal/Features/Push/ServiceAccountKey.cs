using System.Security.Cryptography;
using System.Text.Json;

namespace Portal.Features.Push;

/// <summary>A Firebase (Google) service-account JSON key, checked before it is stored.</summary>
public sealed record ServiceAccountKey(string Json, string ProjectId, string ClientEmail, string TokenUri)
{
    /// <summary>Parses and checks a key file's text; throws <see cref="PortalValidationException"/> (field "key") saying what is wrong.</summary>
    public static ServiceAccountKey Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Length > 20_000)
        {
            throw Invalid("Upload the service account's JSON key file (Firebase console → Project settings → Service accounts).");
        }
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException)
        {
            throw Invalid("The file is not JSON.");
        }
        if (root.ValueKind != JsonValueKind.Object || Text(root, "type") != "service_account")
        {
            throw Invalid("This is not a service-account key: its \"type\" must be \"service_account\".");
        }
        var clientEmail = Text(root, "client_email");
        if (clientEmail is null || !clientEmail.Contains('@'))
        {
            throw Invalid("The key has no client_email.");
        }
        var projectId = Text(root, "project_id") ?? throw Invalid("The key has no project_id.");
        var privateKey = Text(root, "private_key") ?? throw Invalid("The key has no private_key.");
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(privateKey);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw Invalid("The key's private_key is not a readable RSA private key.");
        }
        var tokenUri = Text(root, "token_uri") ?? "https://oauth2.googleapis.com/token";
        if (!Uri.TryCreate(tokenUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw Invalid("The key's token_uri is not a URL.");
        }
        return new ServiceAccountKey(json, projectId, clientEmail, tokenUri);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static PortalValidationException Invalid(string message) => new("key", message);
}
