/* strings.c — the string and memory functions of libc (strlen strcpy
 * strncpy strcat strcmp strncmp strchr strrchr strstr strspn strcspn strtok
 * strtok_r strdup memcpy memmove memset memcmp memchr strtol strtoul
 * strtoll strtod atoi snprintf sscanf toupper) on aligned and unaligned
 * buffers of many lengths. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sign(int v) { return (v > 0) - (v < 0); }

int main(void)
{
    static char a[512], b[512];
    /* Lengths and copies at every alignment. */
    uint32_t h = 0;
    for (int off = 0; off < 8; off++)
        for (int len = 0; len < 70; len++) {
            memset(a, 0, sizeof a);
            for (int i = 0; i < len; i++)
                a[off + i] = (char)('a' + (i * 7 + off) % 26);
            h = h * 31 + (uint32_t)strlen(a + off);
            strcpy(b + (7 - off), a + off);
            h = h * 31 + (uint32_t)(strcmp(b + (7 - off), a + off) == 0);
            h = h * 31 + (uint32_t)(memcmp(b + (7 - off), a + off, (size_t)len) == 0);
            if (len > 2) {
                b[7 - off + len / 2]++;
                h = h * 31 + (uint32_t)(sign(strcmp(b + (7 - off), a + off)) + 1);
                h = h * 31 + (uint32_t)(sign(memcmp(a + off, b + (7 - off), (size_t)len)) + 1);
                h = h * 31 + (uint32_t)(sign(strncmp(a + off, b + (7 - off), (size_t)len / 2)) + 1);
            }
        }
    printf("strlen/strcpy/strcmp hash %08" PRIx32 "\n", h);

    char s[128] = "Hello";
    strcat(s, ", ");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
    strncat(s, "world!!!", 6); /* truncation is the point */
#pragma GCC diagnostic pop
    printf("strcat: [%s] len %zu\n", s, strlen(s));
    printf("strchr: [%s] strrchr: [%s] strchr nul: %d\n", strchr(s, 'o'), strrchr(s, 'o'), strchr(s, '\0') == s + strlen(s));
    printf("strstr: [%s] [%s] %s\n", strstr(s, "wor"), strstr(s, ""), strstr(s, "xyz") ? "found" : "NULL");
    printf("strspn %zu strcspn %zu\n", strspn(s, "HeloH"), strcspn(s, " ,!"));
    char n[16];
    memset(n, 'X', sizeof n);
    strncpy(n, "abc", 8);
    printf("strncpy pads: %d %d %c\n", n[3] == 0, n[7] == 0, n[8]);
    printf("strcmp signs: %d %d %d %d\n", sign(strcmp("abc", "abd")), sign(strcmp("abc", "ab")), sign(strcmp("", "")),
           sign(strcmp("\xff", "\x01"))); /* compared as unsigned char */

    char text[] = "  the quick,brown fox;;jumps over,,the lazy dog  ";
    int count = 0;
    for (char *t = strtok(text, " ,;"); t; t = strtok(NULL, " ,;"))
    {
        printf("%stok%d=%s", count ? " " : "", count + 1, t);
        count++;
    }
    putchar('\n');
    char kv[] = "a=1&bb=22&ccc=333";
    char *save1, *save2;
    for (char *pair = strtok_r(kv, "&", &save1); pair; pair = strtok_r(NULL, "&", &save1)) {
        char *k = strtok_r(pair, "=", &save2);
        char *v = strtok_r(NULL, "=", &save2);
        printf("kv %s -> %s\n", k, v);
    }
    char *d = strdup("duplicate me");
    for (char *p = d; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    printf("strdup/toupper: %s\n", d);
    free(d);

    /* memmove overlapping both ways, memset, memchr. */
    for (int i = 0; i < 64; i++)
        a[i] = (char)('A' + i % 26);
    memmove(a + 5, a, 40);
    memmove(a + 50, a + 53, 10);
    a[64] = 0;
    printf("memmove: %s\n", a);
    memset(a + 3, '-', 17);
    printf("memset: %.40s\n", a);
    printf("memchr: %d\n", (int)((char *)memchr(a, '-', 64) - a));
    h = 0;
    for (int len = 0; len < 300; len += 7)
        for (int so = 0; so < 4; so++)
            for (int dof = 0; dof < 4; dof++) {
                for (int i = 0; i < 512; i++)
                    a[i] = (char)i, b[i] = 0;
                memcpy(b + dof, a + so, (size_t)len);
                for (int i = 0; i < 310; i++)
                    h = h * 33 + (unsigned char)b[i];
            }
    printf("memcpy hash %08" PRIx32 "\n", h);

    /* Number parsing. */
    static const char *nums[] = {"0", "42", "-17", "+8", "0x1F", "0777", "  12abc", "2147483647", "2147483648", "-2147483649",
                                 "99999999999999999999", "-0x80000000", "z", "", "1e5", "0b101"};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        char *end;
        errno = 0;
        long long ll = strtoll(nums[i], &end, 0);
        int e1 = errno;
        errno = 0;
        unsigned long ul = strtoul(nums[i], NULL, 10);
        int e2 = errno;
        errno = 0;
        long l = strtol(nums[i], NULL, 16);
        int e3 = errno;
        /* long differs in width between the two builds: print it clamped to
         * 32 bits, and out of 32-bit range the same as ERANGE */
        printf("[%s] strtoll=%lld rest=[%s] erange=%d strtoul32=%u e=%d strtol16=%lld e=%d atoi=%d\n", nums[i], ll, end, e1 == ERANGE,
               (unsigned)(ul & 0xffffffffu), e2 == ERANGE, (long long)(l > 0x7fffffffL ? 0x7fffffffL : l < -0x7fffffffL - 1 ? -0x7fffffffL - 1 : l),
               e3 == ERANGE || l > 0x7fffffffL || l < -0x7fffffffL - 1, i < 8 ? atoi(nums[i]) : 0);
    }
    static const char *dbls[] = {"3.14159", "-2.5e-3", "1e308", "1e309", "4.9e-324", "0x1.8p3", "inf", "-nan", "  .5", "12.",
                                 "1.7976931348623157e308", "2.2250738585072014e-308", "123456789012345678901234567890"};
    for (size_t i = 0; i < sizeof dbls / sizeof dbls[0]; i++) {
        char *end;
        errno = 0;
        double v = strtod(dbls[i], &end);
        printf("strtod(%s) = %.17g %a rest=[%s] erange=%d\n", dbls[i], v == v ? v : 0.0, v == v ? v : 0.0, end, errno == ERANGE);
    }
    int x, y;
    char word[16];
    double f;
    int got = sscanf("  123 -45 token 6.25e1", "%d %d %15s %lf", &x, &y, word, &f);
    printf("sscanf: %d -> %d %d %s %g\n", got, x, y, word, f);
    char out[40];
    int len = snprintf(out, sizeof out, "%s|%5.2f|%-6d|%x", "snp", 3.14159, 42, 255u);
    printf("snprintf: %d [%s]\n", len, out);
    return 0;
}
