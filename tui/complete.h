/* jib --complete WORD...: the candidates for the last word of a command line
 * (the words after "jib"), one per line, for the bash and zsh completion
 * scripts in completion/. Exit 3 asks the shell to complete file names. */
#ifndef JIB_COMPLETE_H
#define JIB_COMPLETE_H

int complete_main(int argc, char **argv);

#endif
