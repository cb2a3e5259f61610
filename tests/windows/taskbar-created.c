/* What Windows does when Explorer (the taskbar) restarts, or first comes up after a program that started
 * before it: it broadcasts the registered "TaskbarCreated" message to every top-level window, and each
 * program must add its notification-area icon again. scripts/windows/resident-test.sh sends it to the
 * resident app under Wine and looks for the icon's new NIM_ADD in Wine's trace.
 * Built with mingw-w64 in the Windows chroot: x86_64-w64-mingw32-gcc taskbar-created.c */
#include <windows.h>
#include <stdio.h>

int main(void)
{
    UINT message = RegisterWindowMessageW(L"TaskbarCreated");
    DWORD_PTR result;
    if (!message) {
        fprintf(stderr, "RegisterWindowMessage failed: %lu\n", GetLastError());
        return 1;
    }
    /* Sent, not posted, so that every window has handled it when this program ends. */
    if (!SendMessageTimeoutW(HWND_BROADCAST, message, 0, 0, SMTO_ABORTIFHUNG, 5000, &result)) {
        fprintf(stderr, "the broadcast failed: %lu\n", GetLastError());
        return 1;
    }
    return 0;
}
