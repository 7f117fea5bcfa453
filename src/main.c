/* The wijkregie binary: hands its arguments to the command-line dispatcher. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
