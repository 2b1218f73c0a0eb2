using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Features.Account;

/// <summary>
/// The remote address of the browser behind the current request or Blazor circuit, for the audit log. A
/// circuit has no HttpContext of its own after it connects, so the address of its connection is kept here.
/// </summary>
public sealed class ClientAddress(IHttpContextAccessor http) : CircuitHandler
{
    private string? circuitAddress;

    public string? Current => http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? circuitAddress;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        circuitAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? circuitAddress;
        return Task.CompletedTask;
    }
}
