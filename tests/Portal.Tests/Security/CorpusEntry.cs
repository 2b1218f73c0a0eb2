using System.Text.Json.Nodes;

namespace Portal.Tests.Security;

/// <summary>How the bad-input corpus calls one endpoint, and what it checks beyond "4xx in the right format, never 5xx".</summary>
public sealed record CorpusEntry
{
    public required ApiErrorFormat Format { get; init; }

    /// <summary>Adds the credentials (and product headers) of club A to a request.</summary>
    public required Action<HttpRequestMessage, CorpusContext> Authenticate { get; init; }

    /// <summary>The header carrying the credential, which the corpus fills with junk; null for anonymous endpoints.</summary>
    public string? CredentialHeader { get; init; }

    /// <summary>Valid route values; the corpus replaces one at a time with bad ones.</summary>
    public Func<CorpusContext, Dictionary<string, string>> Route { get; init; } = _ => [];

    /// <summary>A valid JSON body (fresh per call: identities are unique), for endpoints that read one.</summary>
    public Func<CorpusContext, JsonObject>? Body { get; init; }

    /// <summary>The body fields the corpus mutates one at a time.</summary>
    public IReadOnlyList<CorpusField> Fields { get; init; } = [];

    /// <summary>Query parameters, each given bad values one at a time.</summary>
    public IReadOnlyList<string> Query { get; init; } = [];

    /// <summary>
    /// Fields that must never be mass-assigned, sent on top of a valid body, and the check that the stored object
    /// kept its own values. Runs before the request (to note what is there) and returns the check for after it.
    /// </summary>
    public Func<CorpusContext, Task<(JsonObject Extras, Func<HttpResponseMessage, Task> Verify)>>? MassAssignment { get; init; }

    /// <summary>The endpoint answers a rejection as 200 <c>{"valid":false}</c> (Placewise Validate Member).</summary>
    public bool RejectsWithValidFalse { get; init; }
}

public enum FieldKind { String, Boolean, Object, IntegerList }

/// <summary>
/// A body field (dotted path for nested ones) of a given JSON type. <see cref="ReadBack"/>, for fields stored as
/// text, reads what was stored after a 2xx answer so the corpus can check strange strings come back verbatim.
/// </summary>
public sealed record CorpusField(string Path, FieldKind Kind, Func<CorpusContext, JsonObject, HttpResponseMessage, Task<string?>>? ReadBack = null);
