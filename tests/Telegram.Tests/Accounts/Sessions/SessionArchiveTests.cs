using System.Security.Cryptography;
using Cluster.Telegram.Accounts.Sessions;
using Microsoft.Extensions.Options;

namespace Cluster.Telegram.Tests.Accounts.Sessions;

public sealed class SessionArchiveTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("session-archive-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static SessionArchive Archive(string? key = null) => new(new SessionOptions { EncryptionKey = key ?? SessionArchive.GenerateKey() });

    private string MakeSession(string name)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(Path.Combine(dir, "db"));
        Directory.CreateDirectory(Path.Combine(dir, "files", "photos"));
        File.WriteAllBytes(Path.Combine(dir, "td.binlog"), RandomNumberGenerator.GetBytes(10_000));
        File.WriteAllText(Path.Combine(dir, "db", "db.sqlite"), new string('x', 50_000));
        File.WriteAllBytes(Path.Combine(dir, "files", "photos", "big.jpg"), RandomNumberGenerator.GetBytes(1000));
        return dir;
    }

    [Fact]
    public void A_session_round_trips_with_every_file_but_downloaded_files()
    {
        var archive = Archive();
        var source = MakeSession("a");

        var blob = archive.Pack("acc-1", source);
        var target = Path.Combine(root, "restored");
        archive.Restore("acc-1", blob, target);

        Assert.Equal(File.ReadAllBytes(Path.Combine(source, "td.binlog")), File.ReadAllBytes(Path.Combine(target, "td.binlog")));
        Assert.Equal(File.ReadAllText(Path.Combine(source, "db", "db.sqlite")), File.ReadAllText(Path.Combine(target, "db", "db.sqlite")));
        Assert.False(Directory.Exists(Path.Combine(target, "files")), "downloads are not part of the session");
    }

    [Fact]
    public void The_blob_is_encrypted_versioned_and_a_new_nonce_is_used_each_time()
    {
        var archive = Archive();
        var source = MakeSession("b");
        File.WriteAllText(Path.Combine(source, "marker.txt"), "PLAINTEXT-MARKER-PLAINTEXT-MARKER");

        var one = archive.Pack("acc-1", source);
        var two = archive.Pack("acc-1", source);

        Assert.Equal(SessionArchive.FormatVersion, one[0]);
        Assert.NotEqual(one.AsSpan(1, 12).ToArray(), two.AsSpan(1, 12).ToArray());
        Assert.Equal(-1, one.AsSpan().IndexOf("marker.txt"u8));
        Assert.Equal(-1, one.AsSpan().IndexOf("PLAINTEXT-MARKER"u8));
    }

    [Fact]
    public void Restoring_replaces_what_was_in_the_directory()
    {
        var archive = Archive();
        var blob = archive.Pack("acc-1", MakeSession("c"));
        var target = Path.Combine(root, "old");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "stale.txt"), "old session");

        archive.Restore("acc-1", blob, target);

        Assert.False(File.Exists(Path.Combine(target, "stale.txt")));
        Assert.True(File.Exists(Path.Combine(target, "td.binlog")));
    }

    [Fact]
    public void A_wrong_key_fails_clearly_and_leaves_the_directory_alone()
    {
        var blob = Archive().Pack("acc-1", MakeSession("d"));
        var target = Path.Combine(root, "keep");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "td.binlog"), "current");

        var ex = Assert.Throws<SessionArchiveException>(() => Archive().Restore("acc-1", blob, target));

        Assert.Contains("Telegram:Sessions:EncryptionKey", ex.Message);
        Assert.Contains("acc-1", ex.Message);
        Assert.Equal("current", File.ReadAllText(Path.Combine(target, "td.binlog")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(-1)]
    public void A_tampered_blob_fails_rather_than_giving_an_empty_session(int position)
    {
        var archive = Archive();
        var blob = archive.Pack("acc-1", MakeSession("e"));
        var index = position < 0 ? blob.Length - 1 : position;
        blob[index] ^= 0x01;

        Assert.Throws<SessionArchiveException>(() => archive.Restore("acc-1", blob, Path.Combine(root, "t")));
        Assert.False(Directory.Exists(Path.Combine(root, "t")));
    }

    [Fact]
    public void A_truncated_blob_fails()
    {
        var archive = Archive();
        var blob = archive.Pack("acc-1", MakeSession("f"));

        Assert.Throws<SessionArchiveException>(() => archive.Restore("acc-1", blob.AsSpan(0, 20), Path.Combine(root, "t")));
        Assert.Throws<SessionArchiveException>(() => archive.Restore("acc-1", blob.AsSpan(0, blob.Length - 1), Path.Combine(root, "t")));
    }

    [Fact]
    public void Another_accounts_blob_is_refused()
    {
        var archive = Archive();
        var blob = archive.Pack("acc-1", MakeSession("g"));

        var ex = Assert.Throws<SessionArchiveException>(() => archive.Restore("acc-2", blob, Path.Combine(root, "t")));
        Assert.Contains("another account", ex.Message);
    }

    [Fact]
    public void An_unknown_format_version_is_named()
    {
        var archive = Archive();
        var blob = archive.Pack("acc-1", MakeSession("h"));
        blob[0] = 9;

        var ex = Assert.Throws<SessionArchiveException>(() => archive.Restore("acc-1", blob, Path.Combine(root, "t")));
        Assert.Contains("version 9", ex.Message);
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("", "missing")]
    [InlineData("not base64!", "not valid base64")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==", "decodes to 16 bytes")]
    public void A_missing_or_bad_key_is_a_configuration_error_naming_the_setting(string? key, string problem)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new SessionArchive(new SessionOptions { EncryptionKey = key }));

        Assert.Contains("Telegram:Sessions:EncryptionKey", ex.Message);
        Assert.Contains(problem, ex.Message);
        Assert.True(new SessionOptionsValidator().Validate(null, new SessionOptions { EncryptionKey = key }).Failed);
    }

    [Fact]
    public async Task The_vault_saves_to_the_store_and_restores_on_another_directory()
    {
        var store = new InMemorySessionStore();
        var vault = new SessionVault(store, Archive());
        var source = MakeSession("v");
        var target = Path.Combine(root, "v2");

        Assert.False(await vault.RestoreAsync("acc-1", target, CancellationToken.None));
        Assert.True(Directory.Exists(target));
        await vault.SaveAsync("acc-1", source, CancellationToken.None);
        Assert.True(await vault.RestoreAsync("acc-1", target, CancellationToken.None));
        Assert.Equal(File.ReadAllBytes(Path.Combine(source, "td.binlog")), File.ReadAllBytes(Path.Combine(target, "td.binlog")));
        await vault.DeleteAsync("acc-1", CancellationToken.None);
        Assert.Null(await store.LoadAsync("acc-1", CancellationToken.None));
    }
}
