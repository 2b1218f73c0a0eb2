using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class FirebaseProjectConfiguration : IEntityTypeConfiguration<FirebaseProject>
{
    public void Configure(EntityTypeBuilder<FirebaseProject> project)
    {
        project.ToTable("FirebaseProjects");
        project.Property(p => p.Slug).HasMaxLength(ColumnLengths.FirebaseProjectSlug);
        project.Property(p => p.FcmProjectId).HasMaxLength(ColumnLengths.FirebaseProjectSlug);
        project.Property(p => p.ClientEmail).HasMaxLength(ColumnLengths.Email);
        project.HasOne<LoyaltyClub>().WithMany().HasForeignKey(p => p.ClubId).OnDelete(DeleteBehavior.Cascade);
        project.HasIndex(p => new { p.ClubId, p.Slug }).IsUnique();
    }
}

public class PushSendConfiguration : IEntityTypeConfiguration<PushSend>
{
    public void Configure(EntityTypeBuilder<PushSend> send)
    {
        send.ToTable("PushSends");
        send.Property(s => s.MessageId).HasMaxLength(ColumnLengths.PublicId);
        send.Property(s => s.Title).HasMaxLength(ColumnLengths.OutboxSubject);
        send.Property(s => s.TargetDescription).HasMaxLength(ColumnLengths.OutboxSubject);
        send.Property(s => s.CreatedBy).HasMaxLength(ColumnLengths.ActorName);
        send.Property(s => s.ContentJson).HasMaxLength(ColumnLengths.ExtensionsJson);
        send.HasOne<LoyaltyClub>().WithMany().HasForeignKey(s => s.ClubId).OnDelete(DeleteBehavior.Cascade);
        send.HasIndex(s => s.MessageId).IsUnique();
        send.HasIndex(s => new { s.ClubId, s.CreatedAt });
    }
}

public class PushDeliveryConfiguration : IEntityTypeConfiguration<PushDelivery>
{
    public void Configure(EntityTypeBuilder<PushDelivery> delivery)
    {
        delivery.ToTable("PushDeliveries");
        delivery.Property(d => d.Token).HasMaxLength(ColumnLengths.DeviceToken);
        delivery.Property(d => d.Platform).HasMaxLength(ColumnLengths.Platform);
        delivery.Property(d => d.FirebaseProjectSlug).HasMaxLength(ColumnLengths.FirebaseProjectSlug);
        delivery.Property(d => d.FcmMessageName).HasMaxLength(ColumnLengths.InvalidReason);
        delivery.Property(d => d.ErrorCode).HasMaxLength(ColumnLengths.Purpose);
        delivery.Property(d => d.ErrorMessage).HasMaxLength(ColumnLengths.AuditDetails);
        delivery.HasOne(d => d.PushSend).WithMany(s => s.Deliveries).HasForeignKey(d => d.PushSendId).OnDelete(DeleteBehavior.Cascade);
        // Erasing a member removes them from the send history too.
        delivery.HasOne<Member>().WithMany().HasForeignKey(d => d.MemberId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasOne<DeviceToken>().WithMany().HasForeignKey(d => d.DeviceTokenId).OnDelete(DeleteBehavior.SetNull);
        delivery.HasIndex(d => d.PushSendId);
        delivery.HasIndex(d => new { d.MemberId, d.SentAt });
        delivery.HasIndex(d => d.DeviceTokenId);
    }
}

public class PushTemplateConfiguration : IEntityTypeConfiguration<PushTemplate>
{
    public void Configure(EntityTypeBuilder<PushTemplate> template)
    {
        template.ToTable("PushTemplates");
        template.Property(t => t.Name).HasMaxLength(ColumnLengths.ApiKeyName);
        template.Property(t => t.ContentJson).HasMaxLength(ColumnLengths.ExtensionsJson);
        template.HasOne<LoyaltyClub>().WithMany().HasForeignKey(t => t.ClubId).OnDelete(DeleteBehavior.Cascade);
        template.HasIndex(t => new { t.ClubId, t.Name }).IsUnique();
    }
}

public class PushTestDeviceConfiguration : IEntityTypeConfiguration<PushTestDevice>
{
    public void Configure(EntityTypeBuilder<PushTestDevice> device)
    {
        device.ToTable("PushTestDevices");
        device.Property(d => d.Label).HasMaxLength(ColumnLengths.ApiKeyName);
        device.Property(d => d.Token).HasMaxLength(ColumnLengths.DeviceToken);
        device.Property(d => d.FirebaseProjectSlug).HasMaxLength(ColumnLengths.FirebaseProjectSlug);
        device.Property(d => d.Platform).HasMaxLength(ColumnLengths.Platform);
        device.HasOne<LoyaltyClub>().WithMany().HasForeignKey(d => d.ClubId).OnDelete(DeleteBehavior.Cascade);
        device.HasIndex(d => new { d.ClubId, d.Token }).IsUnique();
    }
}
