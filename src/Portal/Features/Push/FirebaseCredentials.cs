namespace Portal.Features.Push;

/// <summary>What sending to one Firebase project needs; <see cref="Endpoint"/> overrides FCM's address (the sandbox).</summary>
public record FirebaseCredentials(string FcmProjectId, ServiceAccountKey Key, string? Endpoint = null);
