using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.ToTable("Members");
        member.Property(m => m.Email).HasMaxLength(ColumnLengths.Email);
        member.Property(m => m.Msisdn).HasMaxLength(ColumnLengths.Msisdn);
        member.Property(m => m.FirstName).HasMaxLength(ColumnLengths.PersonName);
        member.Property(m => m.LastName).HasMaxLength(ColumnLengths.PersonName);
        member.Property(m => m.FirstNameSearch).HasMaxLength(ColumnLengths.PersonName);
        member.Property(m => m.LastNameSearch).HasMaxLength(ColumnLengths.PersonName);
        member.Property(m => m.SmsStatus).HasMaxLength(ColumnLengths.ChannelStatus);
        member.Property(m => m.EmailStatus).HasMaxLength(ColumnLengths.ChannelStatus);
        member.Property(m => m.PushStatus).HasMaxLength(ColumnLengths.ChannelStatus);
        member.Property(m => m.OptinChannel).HasMaxLength(ColumnLengths.OptinChannel);
        member.Property(m => m.OptinSubchannel).HasMaxLength(ColumnLengths.OptinChannel);

        member.Property(m => m.ExternalCustomerId).HasMaxLength(ColumnLengths.ExternalCustomerId);
        member.Property(m => m.Version).IsConcurrencyToken();
        member.Property(m => m.AccountId).HasMaxLength(ColumnLengths.PublicId);
        member.HasIndex(m => m.AccountId).IsUnique();

        // Members are never removed by deleting a club by accident: the club must be emptied first.
        member.HasOne(m => m.Club).WithMany().HasForeignKey(m => m.ClubId).OnDelete(DeleteBehavior.Restrict);

        // Identity keys are unique per club; NULLs do not collide in a unique index.
        member.HasIndex(m => new { m.ClubId, m.Email }).IsUnique();
        member.HasIndex(m => new { m.ClubId, m.Msisdn }).IsUnique();
        // The member list opens newest first and pages by creation time.
        member.HasIndex(m => new { m.ClubId, m.CreatedAt });
        member.HasIndex(m => new { m.ClubId, m.LastName, m.FirstName });
        // Name search: prefix ranges on the lower-cased names (see Member.FirstNameSearch).
        member.HasIndex(m => new { m.ClubId, m.LastNameSearch });
        member.HasIndex(m => new { m.ClubId, m.FirstNameSearch });
        member.HasIndex(m => new { m.ClubId, m.ExternalCustomerId }).IsUnique();
    }
}
