using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace Portal.Features.Account;

/// <summary>
/// How many connected Blazor circuits (open tabs) each user has. Each circuit holds server memory, so a script or a
/// stolen cookie opening tabs in a loop is refused past <see cref="PortalOptions.MaxCircuitsPerUser"/>.
/// </summary>
public sealed class CircuitsPerUser(IOptions<PortalOptions> options)
{
    private readonly ConcurrentDictionary<string, int> open = new(StringComparer.Ordinal);

    public int Limit => options.Value.MaxCircuitsPerUser;

    /// <summary>Counts a new circuit for <paramref name="userId"/>, or refuses it (and counts nothing) past the limit.</summary>
    public bool TryOpen(string userId)
    {
        while (true)
        {
            var current = open.GetOrAdd(userId, 0);
            if (current >= Limit)
            {
                return false;
            }
            if (open.TryUpdate(userId, current + 1, current))
            {
                return true;
            }
        }
    }

    public void Close(string userId)
    {
        while (open.TryGetValue(userId, out var current))
        {
            if (current <= 1 ? open.TryRemove(new KeyValuePair<string, int>(userId, current)) : open.TryUpdate(userId, current - 1, current))
            {
                return;
            }
        }
    }

    public int OpenFor(string userId) => open.GetValueOrDefault(userId);
}

/// <summary>
/// The per-circuit side of <see cref="CircuitsPerUser"/>. It counts connected circuits: a reloaded tab's old
/// circuit drops its connection at once but is kept for reconnection for minutes, and must not use up a slot.
/// </summary>
public sealed class CircuitLimitHandler(CircuitsPerUser circuits, IHttpContextAccessor http, ILogger<CircuitLimitHandler> logger) : CircuitHandler
{
    private string? userId;
    private bool counted;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        userId ??= http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || counted)
        {
            return Task.CompletedTask;
        }
        if (!circuits.TryOpen(userId))
        {
            logger.LogWarning("User {UserId} already has {Limit} connected circuits; refusing another", userId, circuits.Limit);
            throw new InvalidOperationException($"Too many open Portal tabs for one user (at most {circuits.Limit}). Close some and reload.");
        }
        counted = true;
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Release();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Release();
        return Task.CompletedTask;
    }

    private void Release()
    {
        if (counted && userId is not null)
        {
            circuits.Close(userId);
            counted = false;
        }
    }
}
