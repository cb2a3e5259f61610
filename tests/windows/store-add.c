/* Test helper, built with mingw-w64 and run under Wine by crates/onshi-cli/tests/windows_sources.rs:
 * puts a DER certificate into the current user's personal store ("MY") through crypt32, as certmgr or
 * an import would, with or without the key provider information a certificate gets when its private key
 * is installed with it (CERT_KEY_PROV_INFO_PROP_ID). No key is made: only the property onshi reads.
 *   store-add.exe FILE.der with-key|without-key
 */
#include <windows.h>
#include <wincrypt.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: store-add FILE.der with-key|without-key\n");
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    if (!file) {
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 2;
    }
    static BYTE der[65536];
    DWORD length = (DWORD)fread(der, 1, sizeof(der), file);
    fclose(file);

    HCERTSTORE store = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_CURRENT_USER, L"MY");
    if (!store) {
        fprintf(stderr, "CertOpenStore failed: %lu\n", GetLastError());
        return 1;
    }
    PCCERT_CONTEXT added = NULL;
    if (!CertAddEncodedCertificateToStore(store, X509_ASN_ENCODING, der, length,
                                          CERT_STORE_ADD_REPLACE_EXISTING, &added)) {
        fprintf(stderr, "CertAddEncodedCertificateToStore failed: %lu\n", GetLastError());
        return 1;
    }
    if (strcmp(argv[2], "with-key") == 0) {
        CRYPT_KEY_PROV_INFO info = {0};
        info.pwszContainerName = L"onshi-test-terminal";
        info.pwszProvName = MS_ENH_RSA_AES_PROV_W;
        info.dwProvType = PROV_RSA_AES;
        info.dwKeySpec = AT_KEYEXCHANGE;
        if (!CertSetCertificateContextProperty(added, CERT_KEY_PROV_INFO_PROP_ID, 0, &info)) {
            fprintf(stderr, "CertSetCertificateContextProperty failed: %lu\n", GetLastError());
            return 1;
        }
    }
    CertFreeCertificateContext(added);
    CertCloseStore(store, 0);
    return 0;
}
