using Microsoft.Extensions.Options;
using Portal.Features.Account;

namespace Portal.Tests.Access;

public class CircuitsPerUserTests
{
    [Fact]
    public void AUserGetsNoMoreCircuitsThanTheLimitAndClosingOneFreesASlot()
    {
        var circuits = new CircuitsPerUser(Options.Create(new PortalOptions { MaxCircuitsPerUser = 3 }));

        Assert.True(circuits.TryOpen("ann"));
        Assert.True(circuits.TryOpen("ann"));
        Assert.True(circuits.TryOpen("ann"));
        Assert.False(circuits.TryOpen("ann"));
        Assert.True(circuits.TryOpen("bob")); // the limit is per user
        Assert.Equal(3, circuits.OpenFor("ann"));

        circuits.Close("ann");
        Assert.True(circuits.TryOpen("ann"));
        circuits.Close("bob");
        Assert.Equal(0, circuits.OpenFor("bob"));
    }

    [Fact]
    public async Task CountsStayRightWhenCircuitsOpenAndCloseAtOnce()
    {
        var circuits = new CircuitsPerUser(Options.Create(new PortalOptions { MaxCircuitsPerUser = 1000 }));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                Assert.True(circuits.TryOpen("ann"));
                circuits.Close("ann");
            }
        })));
        Assert.Equal(0, circuits.OpenFor("ann"));
    }
}
