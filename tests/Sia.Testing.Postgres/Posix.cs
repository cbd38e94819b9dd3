using System.Runtime.InteropServices;

namespace Sia.Testing.Postgres;

/// <summary>Signals by number, for processes that <see cref="System.Diagnostics.Process"/> can only SIGKILL.</summary>
internal static class Posix
{
    public const int SigInt = 2, SigQuit = 3, SigKill = 9;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone or not ours.</summary>
    public static bool Signal(int pid, int signal)
    {
        Native.Initialize();
        return pid > 0 && Native.kill(pid, signal) == 0;
    }

    private static class Native
    {
        // "libc" alone may resolve to nothing (libc.so is a linker script, and only with libc6-dev): glibc's soname first.
        static Native() => NativeLibrary.SetDllImportResolver(typeof(Native).Assembly, (name, _, _) =>
            name == "libc" && NativeLibrary.TryLoad("libc.so.6", out var handle) ? handle : IntPtr.Zero);

        // Runs the static constructor, which must register the resolver before the first call binds the import.
        internal static void Initialize() { }

        [DllImport("libc", SetLastError = true)]
        internal static extern int kill(int pid, int sig);
    }
}
