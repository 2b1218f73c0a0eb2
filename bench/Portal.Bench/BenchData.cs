using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Bench;

/// <summary>
/// What a seeded member looks like, as pure functions of the member id: the seeder writes it and the load
/// drivers read it back (which members have tokens, what an app re-registers, which access token to send)
/// without a lookup table.
/// </summary>
public static class BenchData
{
    public const string ClubSlug = "bench-mall";
    public const string FirebaseSlug = "bench-app";
    public const string MemberPassword = "Bench-password-1";
    public const int NormalApplets = 20;

    /// <summary>One account joins this many applets, so its list has 1,000+ pages of one (the deep-page case).</summary>
    public const int HeavyAccountApplets = 1_050;

    /// <summary>Members 1..this hold a live access token the register-token scenario signs in with.</summary>
    public const int MembersWithAccessTokens = 20_000;

    public static readonly string[] FirstNames =
    [
        "Ola", "Kari", "Ingrid", "Lars", "Sofie", "Emil", "Nora", "Jonas", "Emma", "Jakob", "Olivia", "Filip", "Ella", "Lukas", "Maja",
        "Henrik", "Leah", "Oskar", "Sara", "Aksel", "Ida", "Magnus", "Frida", "Elias", "Thea", "Noah", "Mia", "William", "Amalie", "Isak",
        "Hanna", "Tobias", "Julie", "Sander", "Vilde", "Mathias", "Selma", "Adrian", "Astrid", "Sebastian", "Tiril", "Martin", "Aurora",
        "Kristian", "Eline", "Andreas", "Marte", "Daniel", "Silje", "Anders", "Helene", "Erik", "Hilde", "Per", "Anne", "Bjorn", "Liv",
        "Knut", "Solveig", "Arne", "Ragnhild", "Svein", "Berit", "Geir", "Tone", "Trond", "Randi", "Rune", "Gro", "Terje", "Wenche",
    ];

    public static readonly string[] LastNames =
    [
        "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Johnsen",
        "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jorgensen", "Halvorsen",
        "Henriksen", "Lund", "Sorensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide", "Knutsen",
        "Martinsen", "Paulsen", "Bakken", "Kristoffersen", "Mathisen", "Lie", "Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde",
        "Solheim", "Berge", "Moe", "Nygard", "Bakke", "Kristensen", "Fredriksen", "Holm", "Lien", "Hauge", "Christensen", "Andresen",
        "Nielsen", "Knudsen", "Evensen", "Sather", "Aas", "Myhre", "Hanssen", "Ahmed", "Haugland", "Thomassen", "Sivertsen", "Simonsen",
        "Danielsen", "Berntsen", "Sandvik", "Rostad", "Kleven", "Vik", "Ruud", "Aasen", "Tangen", "Brekke", "Foss", "Ovrebo", "Zapffe",
    ];

    public static readonly string[] Interests = ["bikes_and_cars", "sportwear", "food_and_drink", "kids", "beauty"];

    /// <summary>A small, fast deterministic generator per member (splitmix64): the same id always gives the same member.</summary>
    public struct Dice(long seed)
    {
        private ulong state = (ulong)seed * 0x9E3779B97F4A7C15UL + 0x1234567UL;

        public int Next(int max)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z % (ulong)max);
        }

        public bool Chance(int percent) => Next(100) < percent;
    }

    /// <summary>How many push tokens member <paramref name="id"/> has: 1–3 for 60 % of members, else none.</summary>
    public static int TokenCount(long id)
    {
        var dice = new Dice(id * 31 + 7);
        return dice.Chance(60) ? 1 + dice.Next(3) : 0;
    }

    public static string Platform(long id, int k) => new Dice(id * 17 + k).Chance(65) ? "android" : "ios";

    public static string InstallationId(long id, int k) => $"inst-{id}-{k}";

    /// <summary>An FCM-looking registration token (about 140 characters), unique per member and device.</summary>
    public static string DeviceToken(long id, int k)
    {
        Span<byte> hash = stackalloc byte[64];
        SHA512.HashData(Encoding.ASCII.GetBytes($"device:{id}:{k}"), hash);
        return $"{Base64Url.EncodeToString(hash[..32])}:APA91b{Base64Url.EncodeToString(hash)}";
    }

    /// <summary>The member's access token (the secret makes it unguessable to anyone without the seed file's sidecar).</summary>
    public static string AccessToken(string secret, long id) => Derived(secret, "access", id);

    public static string RefreshToken(string secret, long id) => Derived(secret, "refresh", id);

    private static string Derived(string secret, string kind, long id) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes($"{secret}:{kind}:{id}")));

    /// <summary>How Portal stores secrets with enough entropy (Portal's Sha256Hex).</summary>
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
