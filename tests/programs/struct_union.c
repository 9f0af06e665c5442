/* struct_union.c — structs and unions used the portable way: nested
 * structs passed and returned by value, arrays of structs, unions whose
 * members are read only as they were written, struct copies and compares,
 * bytes serialised explicitly in both byte orders (so the output is the
 * same on a big- and a little-endian machine), flexible array members,
 * and offsetof of an all-same-type struct. */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double x, y;
} Vec2;
typedef struct {
    Vec2 min, max;
    int32_t id;
    uint8_t tag;
} Box;
typedef struct {
    int8_t a;
    int64_t b;
    int16_t c;
    float d;
} Mixed;

static Vec2 vadd(Vec2 a, Vec2 b) { return (Vec2){a.x + b.x, a.y + b.y}; }
static Box grow(Box b, double by)
{
    b.min.x -= by, b.min.y -= by, b.max.x += by, b.max.y += by;
    b.id++;
    return b;
}
static Mixed mix(Mixed m, int k)
{
    m.a = (int8_t)(m.a * 3 + k);
    m.b = (int64_t)((uint64_t)m.b * 7 - (uint64_t)k); /* wraps, no signed overflow */
    m.c = (int16_t)(m.c ^ (k << 3));
    m.d = m.d * 1.5f + (float)k;
    return m;
}

typedef struct {
    enum { K_INT, K_DBL, K_STR } kind;
    union {
        int64_t i;
        double d;
        char s[12];
    } u;
} Value;

typedef struct {
    uint32_t n;
    uint16_t items[];
} Packet;

static void put_be32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (24 - 8 * i));
}
static void put_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}
static uint32_t get_be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static uint32_t get_le32(const uint8_t *p) { return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0]; }

int main(void)
{
    Vec2 acc = {0, 0};
    for (int i = 0; i < 100; i++)
        acc = vadd(acc, (Vec2){i * 0.5, -i * 0.25});
    printf("vadd: %.3f %.3f\n", acc.x, acc.y);
    Box b = {{1, 2}, {3, 4}, 7, 9};
    for (int i = 0; i < 5; i++)
        b = grow(b, 0.5 * i);
    printf("box: (%.2f,%.2f)-(%.2f,%.2f) id %" PRId32 " tag %u\n", b.min.x, b.min.y, b.max.x, b.max.y, b.id, b.tag);
    Mixed m = {1, 1000000000000LL, 300, 0.25f};
    for (int k = 0; k < 20; k++)
        m = mix(m, k);
    printf("mixed: %d %" PRId64 " %d %.6g\n", m.a, m.b, m.c, (double)m.d);
    Mixed copy = m;
    printf("copy equal: %d\n", copy.a == m.a && copy.b == m.b && copy.c == m.c && copy.d == m.d);

    Value vals[6];
    for (int i = 0; i < 6; i++) {
        vals[i].kind = i % 3;
        if (vals[i].kind == K_INT)
            vals[i].u.i = (int64_t)i * -123456789012LL;
        else if (vals[i].kind == K_DBL)
            vals[i].u.d = i / 7.0;
        else
            snprintf(vals[i].u.s, sizeof vals[i].u.s, "str%d", i);
    }
    for (int i = 0; i < 6; i++) {
        if (vals[i].kind == K_INT)
            printf("value %d int %" PRId64 "\n", i, vals[i].u.i);
        else if (vals[i].kind == K_DBL)
            printf("value %d dbl %.12f\n", i, vals[i].u.d);
        else
            printf("value %d str %s\n", i, vals[i].u.s);
    }

    /* Explicit serialisation: identical bytes on any host. */
    uint8_t wire[64];
    for (int i = 0; i < 8; i++) {
        uint32_t v = 0x01020304u * (uint32_t)(i + 1) + (uint32_t)i;
        put_be32(wire + 8 * i, v);
        put_le32(wire + 8 * i + 4, v);
    }
    printf("wire:");
    for (int i = 0; i < 64; i++)
        printf("%s%02x", i % 8 ? "" : " ", wire[i]);
    putchar('\n');
    uint32_t chk = 0;
    for (int i = 0; i < 8; i++)
        chk += get_be32(wire + 8 * i) == get_le32(wire + 8 * i + 4);
    printf("roundtrip ok: %" PRIu32 "/8\n", chk);

    Packet *p = malloc(sizeof *p + 10 * sizeof p->items[0]);
    p->n = 10;
    for (uint32_t i = 0; i < p->n; i++)
        p->items[i] = (uint16_t)(i * i * 1000);
    uint32_t total = 0;
    for (uint32_t i = 0; i < p->n; i++)
        total += p->items[i];
    printf("packet total %" PRIu32 "\n", total);
    free(p);

    struct uniform {
        int32_t a, b, c[3], d;
    };
    printf("offsetof: %zu %zu %zu %zu\n", offsetof(struct uniform, a), offsetof(struct uniform, b), offsetof(struct uniform, c[2]),
           offsetof(struct uniform, d));
    Box arr[4] = {0};
    arr[2] = b;
    printf("struct array copy: %d %" PRId32 "\n", arr[2].id == b.id && arr[2].max.y == b.max.y, arr[1].id);
    return 0;
}
