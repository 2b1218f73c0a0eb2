using System.Text.Json;

namespace Portal.Bench;

/// <summary>
/// What the seed wrote that the other verbs need (the API key, the admin's password, the token secret), kept
/// beside the database as <c>FILE.bench.json</c>. Only the seed knows these in the clear, as with Portal's CLI.
/// </summary>
public sealed record SeedInfo(
    string ClubSlug,
    int ClubId,
    int Members,
    string ApiKey,
    string TokenSecret,
    int MembersWithAccessTokens,
    string AdminEmail,
    string AdminPassword,
    string HeavyAccountId,
    string DataProtectionKeysPath)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string PathFor(string db) => db + ".bench.json";

    public void Save(string db) => File.WriteAllText(PathFor(db), JsonSerializer.Serialize(this, Options));

    public static SeedInfo Load(string db)
    {
        var path = PathFor(db);
        if (!File.Exists(path))
        {
            throw new BenchUsageException($"{path} not found: make the database with `seed --db {db} --members N` first.");
        }
        return JsonSerializer.Deserialize<SeedInfo>(File.ReadAllText(path))!;
    }
}
