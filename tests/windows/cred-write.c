/* Test helper, built with mingw-w64 and run under Wine by crates/onshi-cli/tests/terminal.rs: stores a
 * generic credential in the current user's Credential Manager (CredWriteW), as the 連携アプリ's set-up
 * stores OQS_LOGIN_KEY and the others, with a made-up secret the test then looks for in everything onshi
 * prints and writes; or deletes it (CredDeleteW).
 *   cred-write.exe write TARGET SECRET
 *   cred-write.exe delete TARGET
 */
#include <windows.h>
#include <wincred.h>
#include <stdio.h>
#include <string.h>

static WCHAR *wide(const char *text)
{
    int length = MultiByteToWideChar(CP_UTF8, 0, text, -1, NULL, 0);
    WCHAR *out = (WCHAR *)HeapAlloc(GetProcessHeap(), 0, length * sizeof(WCHAR));
    MultiByteToWideChar(CP_UTF8, 0, text, -1, out, length);
    return out;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "delete") == 0) {
        if (!CredDeleteW(wide(argv[2]), CRED_TYPE_GENERIC, 0)) {
            fprintf(stderr, "CredDeleteW failed: %lu\n", GetLastError());
            return 1;
        }
        return 0;
    }
    if (argc != 4 || strcmp(argv[1], "write") != 0) {
        fprintf(stderr, "usage: cred-write write TARGET SECRET | delete TARGET\n");
        return 2;
    }
    CREDENTIALW credential;
    memset(&credential, 0, sizeof(credential));
    credential.Type = CRED_TYPE_GENERIC;
    credential.TargetName = wide(argv[2]);
    credential.UserName = wide("OQSComApp");
    credential.CredentialBlobSize = (DWORD)strlen(argv[3]);
    credential.CredentialBlob = (LPBYTE)argv[3];
    credential.Persist = CRED_PERSIST_LOCAL_MACHINE;
    if (!CredWriteW(&credential, 0)) {
        fprintf(stderr, "CredWriteW failed: %lu\n", GetLastError());
        return 1;
    }
    return 0;
}
